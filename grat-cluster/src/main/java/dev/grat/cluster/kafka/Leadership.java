package dev.grat.cluster.kafka;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Which node trains the learned model: the one holding a PostgreSQL session-level advisory lock named after the
 * store's schema. The lock lives as long as the holder's connection, so a node that dies (or loses its connection)
 * frees it and another node takes over at its next {@link #check()}.
 */
final class Leadership implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Leadership.class.getName());

    private final ClusterDatabase database;
    private Connection connection;
    private volatile boolean leader;

    Leadership(ClusterDatabase database) {
        this.database = database;
    }

    /** Whether this node holds the lock (as of the last check). */
    boolean isLeader() {
        return leader;
    }

    /** Tries to take the lock, or checks that the connection holding it is alive. */
    synchronized void check() {
        try {
            if (connection == null || !connection.isValid(2)) {
                closeConnection();
                leader = false;
                connection = database.dedicatedConnection();
            }
            if (!leader) {
                try (PreparedStatement lock = connection.prepareStatement(
                        "SELECT pg_try_advisory_lock(hashtext(?))")) {
                    lock.setString(1, "grat-trainer:" + database.schema());
                    try (ResultSet rows = lock.executeQuery()) {
                        rows.next();
                        leader = rows.getBoolean(1);
                    }
                }
                if (leader) {
                    LOG.log(Level.INFO, "this node now trains the learned model for the cluster");
                }
            }
        } catch (SQLException e) {
            leader = false;
            closeConnection();
            LOG.log(Level.WARNING, "could not check the training lock: " + e.getMessage());
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the session ends either way, and with it the lock
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        leader = false;
        closeConnection();
    }
}
