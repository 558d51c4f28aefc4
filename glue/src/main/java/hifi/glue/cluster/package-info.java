/**
 * Past one machine: the {@link hifi.glue.cluster.Cluster} a command hands its sweep, training micro-batches or
 * prediction batches to when given {@code --master}, found through {@link java.util.ServiceLoader} (the Spark module
 * provides one). Nothing here knows Spark.
 */
package hifi.glue.cluster;
