package org.geomloss;

import static org.geomloss.SamplesLossValidationTest.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.geomloss.sinkhorn.Refinement;
import org.junit.jupiter.api.Test;

/** SamplesLoss's opt-in tolerance ({@link SamplesLoss.Builder#tol}). */
class ConvergenceToleranceTest {

    /** Random float32 points, Gaussian of standard deviation 0.3 around {@code (shift, 0, ...)}. */
    private static float[][] points(long seed, int n, int d, double shift) {
        Random random = new Random(seed);
        float[][] points = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                points[i][k] = (float) (random.nextGaussian() * 0.3 + (k == 0 ? shift : 0));
            }
        }
        return points;
    }

    /** Random float32 points, uniform in the unit cube shifted by {@code (shift, 0, 0)}. */
    private static float[][] cube(long seed, int n, double shift) {
        Random random = new Random(seed);
        float[][] points = new float[n][3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                points[i][k] = (float) (random.nextDouble() + (k == 0 ? shift : 0));
            }
        }
        return points;
    }

    /** Random positive weights summing to 1. */
    private static double[] weights(long seed, int n) {
        Random random = new Random(seed);
        double[] weights = new double[n];
        double mass = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = 0.2 + random.nextDouble();
            mass += weights[i];
        }
        for (int i = 0; i < n; i++) {
            weights[i] /= mass;
        }
        return weights;
    }

    private static double[][] toDouble(float[][] points) {
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = new double[points[i].length];
            for (int k = 0; k < points[i].length; k++) {
                out[i][k] = points[i][k];
            }
        }
        return out;
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double value : v) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }

    private static double distance(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            sum += (u[i] - v[i]) * (u[i] - v[i]);
        }
        return Math.sqrt(sum);
    }

    @Test
    void badTolerancesAndCapsAreRejected() {
        assertRejected(() -> SamplesLoss.builder().tol(0.0), "tol", "0.0");
        assertRejected(() -> SamplesLoss.builder().tol(-1e-6), "tol", "-1.0E-6");
        assertRejected(() -> SamplesLoss.builder().tol(Double.NaN), "tol", "NaN");
        assertRejected(() -> SamplesLoss.builder().tol(Double.POSITIVE_INFINITY), "tol",
                "Infinity");
        assertRejected(() -> SamplesLoss.builder().maxExtraIter(-1), "max_extra_iter", "-1");
        assertRejected(() -> SamplesLoss.builder().set("tol", 0), "tol", "0");
        assertRejected(() -> SamplesLoss.builder().set("tol", "small"), "tol", "small");
        assertRejected(() -> SamplesLoss.builder().set("max_extra_iter", -5), "max_extra_iter",
                "-5");
        assertRejected(() -> SamplesLoss.builder().set("maxExtraIter", 2.5), "maxExtraIter", "2.5");
        assertRejected(() -> SamplesLoss.builder().set("tolerance", 1e-6), "unknown option",
                "tol, max_extra_iter");
    }

    @Test
    void keywordsSetTheToleranceAndTheCap() {
        Measure x = Measure.of(points(1, 20, 2, 0), weights(2, 20));
        Measure y = Measure.of(points(3, 25, 2, 0.5), weights(4, 25));
        Refinement.Outcome capped = SamplesLoss.builder().set("tol", 1e-12)
                .set("max_extra_iter", 3).set("backend", "tensorized").build()
                .valueAndGradients(x, y).refinement();
        assertEquals(3, capped.iterations());
        assertFalse(capped.converged(), "1e-12 is out of reach in 3 iterations: reported");
        assertTrue(capped.marginalError() > 1e-12);
        assertNull(SamplesLoss.builder().set("tol", 1e-6).set("tol", null).build()
                .valueAndGradients(x, y).refinement(), "tol = null is GeomLoss's fixed schedule");
    }

    /**
     * The plan {@code pi_ij = a_i b_j exp((f_i + g_j - C_ij)/eps)} of the raw (not debiased)
     * potentials {@code f_ba, g_ab} has the marginals a and b, checked in float64 outside the
     * library.
     */
    @Test
    void refinedPotentialsSatisfyTheMarginals() {
        float[][] xs = points(21, 60, 2, 0);
        float[][] ys = points(22, 50, 2, 0.4);
        double[] a = weights(23, 60);
        double[] b = weights(24, 50);
        double eps = 0.1 * 0.1;
        DualPotentials potentials = SamplesLoss.builder().blur(0.1).debias(false).tol(1e-9)
                .backend(Backend.TENSORIZED).build()
                .potentials(Measure.of(xs, a), Measure.of(ys, b));
        assertTrue(potentials.refinement().converged(), potentials.refinement().toString());
        double[][] x = toDouble(xs);
        double[][] y = toDouble(ys);
        double[] f = potentials.f();
        double[] g = potentials.g();
        assertEquals(0, DenseSinkhornReference.rowError(DenseSinkhornReference.costs(x, y), a, f,
                b, g, eps), 1e-7, "marginal on x");
        assertEquals(0, DenseSinkhornReference.rowError(DenseSinkhornReference.costs(y, x), b, g,
                a, f, eps), 1e-7, "marginal on y");
    }

    /** With a tolerance, the debiased value is the converged one, computed here in float64. */
    @Test
    void refinedValueIsTheConvergedDivergence() {
        float[][] xs = points(31, 60, 2, 0);
        float[][] ys = points(32, 50, 2, 0.4);
        double[] a = weights(33, 60);
        double[] b = weights(34, 50);
        double reference = DenseSinkhornReference.divergence(toDouble(xs), a, toDouble(ys), b,
                0.1 * 0.1, 1e-13, 100_000);
        SamplesLoss.Builder builder = SamplesLoss.builder().blur(0.1).backend(Backend.TENSORIZED);
        LossGradients refined = builder.tol(1e-10).build()
                .valueAndGradients(Measure.of(xs, a), Measure.of(ys, b));
        assertTrue(refined.refinement().converged(), refined.refinement().toString());
        assertEquals(reference, refined.value(), 1e-7 * Math.abs(reference));
        double fixed = builder.tol(null).build().value(Measure.of(xs, a), Measure.of(ys, b));
        assertTrue(Math.abs(fixed - reference) > 1e-3 * Math.abs(reference),
                "GeomLoss's schedule alone stops short of convergence here: " + fixed);
    }

    /**
     * Tensorized (float64 matrices), online (float32 kernels) and multiscale (clusters, truncation)
     * anneal differently and stop at different places (about 0.8% apart here, and 2% short of the
     * converged value), but refined to the same tolerance they agree. A tolerance much below 1e-7
     * is out of reach of the float32 kernels (online and multiscale stalled near 1e-7 on a similar
     * problem).
     */
    @Test
    void backendsAgreeOnceRefined() {
        Measure x = Measure.of(cube(41, 400, 0), weights(42, 400));
        Measure y = Measure.of(cube(43, 400, 0.2), weights(44, 400));
        SamplesLoss.Builder builder = SamplesLoss.builder().blur(0.05).scaling(0.5);
        LossGradients tensorized = builder.backend(Backend.TENSORIZED).tol(1e-6).build()
                .valueAndGradients(x, y);
        LossGradients online = builder.backend(Backend.ONLINE).build().valueAndGradients(x, y);
        LossGradients multiscale = builder.backend(Backend.MULTISCALE).build()
                .valueAndGradients(x, y);
        for (LossGradients r : new LossGradients[] {tensorized, online, multiscale}) {
            assertTrue(r.refinement().converged(), r.backendUsed() + ": " + r.refinement());
            assertEquals(tensorized.value(), r.value(), 1e-6 * Math.abs(tensorized.value()),
                    r.backendUsed().toString());
            assertTrue(distance(tensorized.gradX(), r.gradX()) <= 1e-5 * norm(tensorized.gradX()),
                    r.backendUsed() + " gradX");
            assertTrue(distance(tensorized.gradY(), r.gradY()) <= 1e-5 * norm(tensorized.gradY()),
                    r.backendUsed() + " gradY");
        }
        double onlineFixed = builder.backend(Backend.ONLINE).tol(null).build().value(x, y);
        double multiscaleFixed = builder.backend(Backend.MULTISCALE).build().value(x, y);
        assertTrue(Math.abs(onlineFixed - multiscaleFixed) > 1e-3 * tensorized.value(),
                "without a tolerance the two schedules stop at different places: " + onlineFixed
                        + " and " + multiscaleFixed);
    }

    /** The kernel losses have no Sinkhorn loop: a tolerance changes nothing. */
    @Test
    void kernelLossesIgnoreTheTolerance() {
        Measure x = Measure.of(points(51, 30, 2, 0), weights(52, 30));
        Measure y = Measure.of(points(53, 40, 2, 0.3), weights(54, 40));
        for (Loss loss : new Loss[] {Loss.ENERGY, Loss.GAUSSIAN, Loss.LAPLACIAN}) {
            SamplesLoss.Builder builder = SamplesLoss.builder().loss(loss).blur(0.2);
            LossGradients plain = builder.build().valueAndGradients(x, y);
            LossGradients withTol = builder.tol(1e-9).build().valueAndGradients(x, y);
            assertEquals(plain.value(), withTol.value(), 0.0, loss.geomlossName());
            assertNull(withTol.refinement(), loss.geomlossName());
        }
    }

    /** The soft Hausdorff divergence refines its self problems, on both point backends. */
    @Test
    void hausdorffRefinesItsSelfProblems() {
        Measure x = Measure.of(points(61, 60, 2, 0), weights(62, 60));
        Measure y = Measure.of(points(63, 50, 2, 0.4), weights(64, 50));
        SamplesLoss.Builder builder = SamplesLoss.builder().loss(Loss.HAUSDORFF).blur(0.1)
                .tol(1e-6);
        LossGradients tensorized = builder.backend(Backend.TENSORIZED).build()
                .valueAndGradients(x, y);
        LossGradients online = builder.backend(Backend.ONLINE).build().valueAndGradients(x, y);
        assertTrue(tensorized.refinement().converged(), tensorized.refinement().toString());
        assertTrue(online.refinement().converged(), online.refinement().toString());
        assertEquals(tensorized.value(), online.value(), 1e-6 * Math.abs(tensorized.value()));
    }
}
