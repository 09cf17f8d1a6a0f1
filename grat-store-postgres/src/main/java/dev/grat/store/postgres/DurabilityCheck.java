package dev.grat.store.postgres;

/**
 * What every new connection runs before the pool hands it out: it fails, naming the setting, when PostgreSQL would
 * acknowledge a commit that a crash can still lose. The setting can come from the server's configuration, the
 * database, the role or the connection URL; checking each connection covers them all, and a setting changed while
 * Grat runs is caught when the pool replaces its connections (every 30 minutes at most).
 */
final class DurabilityCheck {

    static final String SQL = """
            DO $check$
            BEGIN
              IF current_setting('synchronous_commit') = 'off' THEN
                RAISE EXCEPTION 'synchronous_commit is off for Grat''s connection (set in postgresql.conf, for the '
                  'database or role, or in the connection URL): PostgreSQL would acknowledge commits before they are '
                  'on disk, so a crash could lose events that Grat acknowledged. Set synchronous_commit to on (or '
                  'local, remote_write or remote_apply) for Grat''s database and role';
              END IF;
              IF current_setting('fsync') = 'off' THEN
                RAISE EXCEPTION 'fsync is off on the PostgreSQL server: a crash of the operating system could lose or '
                  'corrupt committed events. Set fsync = on in postgresql.conf';
              END IF;
            END
            $check$""";

    private DurabilityCheck() {
    }
}
