package dev.grat.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/** Database work run on a connection the caller lends for the duration of the call. */
@FunctionalInterface
interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}
