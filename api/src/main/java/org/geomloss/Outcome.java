package org.geomloss;

/**
 * What one evaluation of a loss on one pair of measures produced; gradient arrays are null when they
 * were not asked for.
 */
record Outcome(double value, double[] f, double[] g, double[] gradX, double[] gradY,
               double[] gradA, double[] gradB, Backend backend) {
}
