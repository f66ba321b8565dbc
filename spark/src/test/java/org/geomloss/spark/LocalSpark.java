package org.geomloss.spark;

import org.apache.spark.sql.SparkSession;

/** The tests' Spark session: {@code local[2]}, no web UI, few shuffle partitions; one per JVM. */
public final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {
    }

    /** The shared session, started on first use. */
    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("geomloss tests")
                    .config("spark.ui.enabled", false)
                    .config("spark.sql.shuffle.partitions", 4)
                    .config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
        }
        return session;
    }
}
