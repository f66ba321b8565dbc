package org.geomloss.ot;

import org.geomloss.sinkhorn.SoftminOperator;

/**
 * Turns a soft-min for the cost {@code |x - y|^2 / 2} (the fast float32 kernels of
 * {@code SamplesLoss}) into one for {@code |x - y|^2}, using
 * {@code softmin_eps[C](h) = 2 softmin_{eps/2}[C/2](h)}: the log-vector {@code h} is unchanged, the
 * temperature is halved and the output doubled (both exact in binary).
 */
record HalvedCostSoftmin(SoftminOperator halfCost) implements SoftminOperator {

    @Override
    public int targetCount() {
        return halfCost.targetCount();
    }

    @Override
    public int sourceCount() {
        return halfCost.sourceCount();
    }

    @Override
    public void softmin(double eps, double[] h, double[] out) {
        halfCost.softmin(eps / 2, h, out);
        for (int i = 0; i < out.length; i++) {
            out[i] *= 2;
        }
    }
}
