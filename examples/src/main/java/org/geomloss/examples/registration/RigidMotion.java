package org.geomloss.examples.registration;

/**
 * A rigid motion of R^3 about a fixed centre c: {@code x -> R (x - c) + c + t}, with R a rotation
 * (row-major 3 x 3) and t a translation. Immutable and thread-safe.
 *
 * @param rotation    R, row-major, 9 values
 * @param translation t, 3 values
 * @param centre      c, 3 values
 */
public record RigidMotion(double[] rotation, double[] translation, double[] centre) {

    /** Checks the sizes and copies the arrays. */
    public RigidMotion {
        if (rotation.length != 9 || translation.length != 3 || centre.length != 3) {
            throw new IllegalArgumentException("a rigid motion needs a 3 x 3 rotation and 3-vectors,"
                    + " got lengths " + rotation.length + ", " + translation.length + ", "
                    + centre.length);
        }
        rotation = rotation.clone();
        translation = translation.clone();
        centre = centre.clone();
    }

    /** The identity, rotating about {@code centre}. */
    public static RigidMotion identity(double[] centre) {
        return new RigidMotion(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3], centre);
    }

    /**
     * The rotation {@code exp([w]_x)} of angle {@code |w|} about the axis {@code w / |w|}
     * (Rodrigues' formula), row-major.
     */
    public static double[] rotationVector(double[] w) {
        double angle = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
        if (angle < 1e-12) {
            return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
        }
        double x = w[0] / angle;
        double y = w[1] / angle;
        double z = w[2] / angle;
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double v = 1 - c;
        return new double[] {
            c + x * x * v, x * y * v - z * s, x * z * v + y * s,
            y * x * v + z * s, c + y * y * v, y * z * v - x * s,
            z * x * v - y * s, z * y * v + x * s, c + z * z * v};
    }

    /**
     * This motion followed by the rotation {@code exp([w]_x)} about the moved centre {@code c + t},
     * then by a shift: {@code x -> exp([w]_x) R (x - c) + c + t + shift}.
     */
    public RigidMotion then(double[] w, double[] shift) {
        double[] moved = new double[3];
        for (int k = 0; k < 3; k++) {
            moved[k] = translation[k] + shift[k];
        }
        return new RigidMotion(multiply(rotationVector(w), rotation), moved, centre);
    }

    /** The images of the flat N x 3 points. */
    public double[] apply(double[] points) {
        double[] out = new double[points.length];
        for (int i = 0; i < points.length / 3; i++) {
            for (int k = 0; k < 3; k++) {
                double sum = centre[k] + translation[k];
                for (int l = 0; l < 3; l++) {
                    sum += rotation[3 * k + l] * (points[3 * i + l] - centre[l]);
                }
                out[3 * i + k] = sum;
            }
        }
        return out;
    }

    /** The rotation angle of R in radians, {@code acos((trace R - 1) / 2)}. */
    public double angle() {
        double trace = rotation[0] + rotation[4] + rotation[8];
        return Math.acos(Math.clamp((trace - 1) / 2, -1.0, 1.0));
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
                }
            }
        }
        return c;
    }
}
