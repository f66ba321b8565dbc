package org.geomloss.examples.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.geomloss.examples.data.BuiltInShapes;
import org.geomloss.examples.data.Coordinates;
import org.junit.jupiter.api.Test;

class Registration3DTest {

    @Test
    void rotationVectorsAreRotationsOfTheirLength() {
        double[] w = {0.3, -0.4, 1.2};
        RigidMotion motion = new RigidMotion(RigidMotion.rotationVector(w), new double[3],
                new double[3]);
        assertEquals(1.3, motion.angle(), 1e-12);
        double[] r = motion.rotation();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = 0;
                for (int k = 0; k < 3; k++) {
                    dot += r[3 * i + k] * r[3 * j + k];
                }
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-12);
            }
        }
        // The axis is fixed.
        double[] axis = motion.apply(w);
        for (int k = 0; k < 3; k++) {
            assertEquals(w[k], axis[k], 1e-12);
        }
    }

    @Test
    void rigidRegistrationUndoesAKnownMotion() {
        int n = 150;
        double[] target = Coordinates.flatten(BuiltInShapes.spiral(n, 11));
        RigidMotion displacement = RigidMotion.identity(new double[3])
                .then(new double[] {0.2, -0.1, 0.3}, new double[] {0.3, -0.2, 0.1});
        Measure source = Measure.ofFlat(displacement.apply(target), n, 3, null);
        SamplesLoss loss = SamplesLoss.builder().blur(0.01).scaling(0.8).build();
        Registration3D.Result result = new Registration3D(loss, Registration3D.Mode.RIGID, 1.0)
                .run(source, Measure.ofFlat(target, n, 3, null), 15, step -> { });

        assertEquals(Math.sqrt(0.04 + 0.01 + 0.09), result.motion().angle(), Math.toRadians(1.5));
        double rms = 0;
        for (int k = 0; k < target.length; k++) {
            rms += Math.pow(result.end()[k] - target[k], 2);
        }
        rms = Math.sqrt(rms / n);
        assertTrue(rms < 0.03, "points are " + rms + " away from their targets");
        double[] losses = result.losses();
        assertTrue(losses[losses.length - 1] < 0.01 * losses[0]);
    }

    @Test
    void freeFormRegistrationDecreasesTheLoss() {
        Measure sphere = Measure.of(BuiltInShapes.sphere(80, 0.6, 1));
        Measure torus = Measure.of(BuiltInShapes.torus(80, 0.8, 0.3, 2));
        SamplesLoss loss = SamplesLoss.builder().blur(0.05).build();
        Registration3D.Result result = new Registration3D(loss, Registration3D.Mode.FREE_FORM, 0.5)
                .run(sphere, torus, 5, step -> { });
        double[] losses = result.losses();
        for (int s = 1; s < losses.length; s++) {
            assertTrue(losses[s] < losses[s - 1], "loss went up at step " + s);
        }
    }
}
