package org.geomloss;

import org.geomloss.sinkhorn.Refinement;

/**
 * What one evaluation of a loss on one pair of measures produced; gradient arrays are null when they
 * were not asked for, and {@code refinement} when no tolerance was set (or the loss has no Sinkhorn
 * loop).
 */
record Outcome(double value, double[] f, double[] g, double[] gradX, double[] gradY,
               double[] gradA, double[] gradB, Backend backend, Refinement.Outcome refinement) {
}
