package org.geomloss.sinkhorn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The schedule table of ALGORITHMS_SAMPLESLOSS.md §5.2, observed on GeomLoss 0.3.1. */
class EpsilonScheduleTest {

    private static double[] blurs(double[] schedule, int p) {
        double[] out = new double[schedule.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.pow(schedule[k], 1.0 / p);
        }
        return out;
    }

    @Test
    void unitCube() {
        double[] s = EpsilonSchedule.geomloss(2, Math.sqrt(3), 0.05, 0.5);
        assertArrayEquals(new double[] {1.732, 1.732, .866, .433, .217, .108, .054, .05},
                blurs(s, 2), 1e-3);
    }

    @Test
    void unitSquareWithEitherExponent() {
        for (int p : new int[] {1, 2}) {
            double[] s = EpsilonSchedule.geomloss(p, Math.sqrt(2), 0.05, 0.5);
            assertArrayEquals(new double[] {1.414, 1.414, .707, .354, .177, .088, .05},
                    blurs(s, p), 1e-3);
        }
    }

    @Test
    void lengthsOfTheReferenceTable() {
        assertEquals(9, EpsilonSchedule.geomloss(2, 1, 0.01, 0.5).length);
        assertEquals(46, EpsilonSchedule.geomloss(2, 1, 0.01, 0.9).length);
        assertEquals(11, EpsilonSchedule.geomloss(2, 1, 0.05, 0.7).length);
        assertEquals(0.010775, blurs(EpsilonSchedule.geomloss(2, 1, 0.01, 0.9), 2)[44], 1e-6);
    }

    @Test
    void blurAboveTheDiameterGivesTwoTemperatures() {
        assertArrayEquals(new double[] {0.25, 4.0}, EpsilonSchedule.geomloss(2, 0.5, 2, 0.5), 0);
    }

    @Test
    void referenceAnchorSchedule() {
        // §10.2: d = sqrt(5), p = 2, blur .05, scaling .5.
        assertArrayEquals(new double[] {5, 5, 1.25, .3125, .078125, .01953125, .0048828125, .0025},
                EpsilonSchedule.geomloss(2, Math.sqrt(5), 0.05, 0.5), 1e-12);
    }

    @Test
    void zeroDiameterFallsBackToTheBlur() {
        assertArrayEquals(new double[] {0.01, 0.01}, EpsilonSchedule.geomloss(2, 0, 0.1, 0.5), 1e-15);
    }

    @Test
    void invalidArgumentsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> EpsilonSchedule.geomloss(2, 1, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> EpsilonSchedule.geomloss(2, 1, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> EpsilonSchedule.geomloss(2, -1, 0.1, .5));
    }
}
