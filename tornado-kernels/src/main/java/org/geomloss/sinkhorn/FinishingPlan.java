package org.geomloss.sinkhorn;

/**
 * The plan of a run that anneals on one set of soft-min operators and finishes (the refinement and
 * the final step) on another set between the same atoms: float32 kernels for the schedule, float64
 * kernels at the last temperature, so that the final potentials use the float64 costs from which
 * a transport plan is computed. The potentials move unchanged, the atoms being the same.
 *
 * @param annealing the representation of every temperature of the schedule
 * @param finishing the same atoms with the operators of the refinement and the final step
 */
public record FinishingPlan(SingleScale annealing, SingleScale finishing) implements ScalePlan {

    @Override
    public SinkhornScale scaleAt(int t) {
        return annealing;
    }

    @Override
    public SinkhornScale finest() {
        return finishing;
    }

    /** The loop's current potentials, as they are: the atoms do not change. */
    @Override
    public FinalStep transfer(SymmetricSinkhorn loop, SinkhornScale coarse, SinkhornScale fine,
                              double eps) {
        return new FinalStep(eps, Double.NaN, unchanged(loop.fBA()), unchanged(loop.gAB()),
                unchanged(loop.fAA()), unchanged(loop.gBB()));
    }

    private static FinalStep.Direction unchanged(double[] potential) {
        return potential == null ? null : new FinalStep.Direction(null, null, potential);
    }
}
