package org.geomloss.ot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.geomloss.sinkhorn.EpsilonSchedule;
import org.junit.jupiter.api.Test;

/** The annealing schedule of the ot solvers: the verified examples of ALGORITHMS_OT section 2.3. */
class ScheduleTest {

    @Test
    void geomspaceExamples() {
        check(new double[] {4, 0.50297337, 0.063245553, 0.0079527073, 0.001}, 4, 1e-3, 5);
        check(new double[] {0.001}, 4, 1e-3, 1);
        check(new double[] {0.001, 0.001, 0.001}, 0, 1e-3, 3);
        check(new double[] {1, 0.21544347, 0.046415888, 0.01}, 1, 0.01, 4);
        check(new double[] {2, 1e-4}, 2, 1e-4, 2);
        check(new double[] {1, 1, 1}, 0.5, 1, 3);
        assertArrayEquals(new double[] {4, 2.378414230005442, 1.4142135623730951,
            0.8408964152537147, 0.5}, EpsilonSchedule.geomspace(4, 0.5, 5), 1e-15);
    }

    private static void check(double[] expected, double range, double eps, int n) {
        double[] schedule = EpsilonSchedule.geomspace(range, eps, n);
        new Tolerance(1e-7, 0).check("schedule", expected, schedule);
        // Both endpoints are exact.
        assertArrayEquals(new double[] {n == 1 ? eps : Math.max(range, eps), eps},
                new double[] {schedule[0], schedule[n - 1]}, 0);
    }
}
