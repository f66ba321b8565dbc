package org.geomloss.multiscale;

import org.geomloss.sinkhorn.AnnealingDriver;
import org.geomloss.sinkhorn.ScalePlan;

/** A multiscale {@link ScalePlan} on sorted clouds, which reads its run back in sorted order. */
interface MultiscaleScalePlan extends ScalePlan {

    /** The result of {@code run}, an annealing of this plan, with the sorting of the clouds. */
    MultiscaleResult result(AnnealingDriver.Result run);
}
