package org.geomloss.ot;

/** The citation of GeomLoss's {@code OTResult.citation} (identical for every result type). */
final class Citation {

    /** Plain-text reference followed by its BibTeX entry. */
    static final String TEXT = """
            GeomLoss library:\s
                "Interpolating between optimal transport and MMD using Sinkhorn divergences."\s
                In The 22nd International Conference on Artificial Intelligence and Statistics, \
            pp. 2681-2690. PMLR, 2019.
                Feydy, Jean, Thibault Séjourné, François-Xavier Vialard, Shun-ichi Amari, \
            Alain Trouvé, and Gabriel Peyré.

            @inproceedings{feydy2019interpolating,
                title={Interpolating between Optimal Transport and MMD using Sinkhorn Divergences},
                author={Feydy, Jean and S{\\'e}journ{\\'e}, Thibault and Vialard, \
            Fran{\\c{c}}ois-Xavier and Amari, Shun-ichi and Trouve, Alain and Peyr{\\'e}, Gabriel},
                booktitle={The 22nd International Conference on Artificial Intelligence and Statistics},
                pages={2681--2690},
                year={2019}
            }
            """;

    private Citation() {
    }
}
