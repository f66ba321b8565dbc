package org.geomloss.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.geomloss.Backend;
import org.geomloss.Loss;
import org.geomloss.Measure;
import org.geomloss.SamplesLoss;
import org.junit.jupiter.api.Test;

/** Settings are checked where they are built and survive Java serialization unchanged. */
class LossSettingsTest {

    private static void assertRejected(String fragment, Runnable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void badValuesAreRejectedWithTheParameterAndTheValue() {
        assertRejected("blur must be > 0 and finite, got -1.0",
                () -> LossSettings.builder().blur(-1));
        assertRejected("p must be 1 or 2, got 3", () -> LossSettings.builder().p(3));
        assertRejected("scaling must be in (0, 1), got 1.0",
                () -> LossSettings.builder().scaling(1));
        assertRejected("unknown option 'blurr'", () -> LossSettings.builder().set("blurr", 1.0));
        assertRejected("reach must be > 0 and finite, got NaN",
                () -> LossSettings.builder().set("reach", Double.NaN));
        assertRejected("to travel to Spark tasks",
                () -> LossSettings.builder().set("loss", Loss.ENERGY));
        assertThrows(NullPointerException.class, () -> LossSettings.builder().loss(null));
    }

    @Test
    void serializedSettingsRebuildTheSameLoss() throws Exception {
        LossSettings settings = LossSettings.builder().loss(Loss.SINKHORN).p(1).blur(0.1)
                .reach(0.5).scaling(0.7).backend(Backend.ONLINE).tol(1e-5).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(settings);
        }
        LossSettings copy;
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (LossSettings) in.readObject();
        }
        assertEquals(settings, copy);
        Measure x = Measure.of(new double[][] {{0, 0}, {1, 0}, {0, 1}});
        Measure y = Measure.of(new double[][] {{0.5, 0.5}, {2, 0}});
        SamplesLoss direct = SamplesLoss.builder().p(1).blur(0.1).reach(0.5).scaling(0.7)
                .backend(Backend.ONLINE).tol(1e-5).build();
        assertEquals(Double.doubleToRawLongBits(direct.value(x, y)),
                Double.doubleToRawLongBits(copy.samplesLoss().value(x, y)));
    }

    @Test
    void otSettingsAreCheckedByTheSolversOwnRules() {
        assertRejected("redundant", () -> OtSettings.reg(0.1).reach(0.2).unbalanced(0.3)
                .validate());
        assertRejected("reg", () -> OtSettings.reg(-1).validate());
        OtSettings.blur(0.05).reach(0.3).debias(true).tol(1e-6).validate();
    }

    @Test
    void errorPoliciesHaveCommandLineNames() {
        assertEquals(ErrorPolicy.COLUMN, ErrorPolicy.fromName("Column"));
        assertRejected("errors must be 'fail' or 'column', got 'skip'",
                () -> ErrorPolicy.fromName("skip"));
        assertRejected("blocks must be >= 0", () -> JobOptions.defaults().withBlocks(-1));
    }
}
