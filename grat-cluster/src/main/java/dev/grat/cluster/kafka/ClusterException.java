package dev.grat.cluster.kafka;

/** Cluster mode cannot start or go on: unsafe settings, Kafka or PostgreSQL out of reach. Says what to change. */
public final class ClusterException extends RuntimeException {

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
