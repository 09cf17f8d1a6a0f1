package dev.grat.store.sqlite;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteOptionsTest {

    @Test
    void defaults_syncEveryCommitFully() {
        assertThat(SqliteOptions.defaults().synchronous()).isEqualTo(SqliteOptions.Synchronous.FULL);
    }

    @Test
    void readConnections_belowOne_isRefusedNamingTheField() {
        assertThatThrownBy(() -> SqliteOptions.defaults().withReadConnections(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("readConnections must be at least 1, was 0");
    }

    @Test
    void maxGroupEvents_belowOne_isRefusedNamingTheField() {
        assertThatThrownBy(() -> SqliteOptions.defaults().withMaxGroupEvents(-5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxGroupEvents must be at least 1, was -5");
    }

    @Test
    void busyTimeout_negative_isRefusedNamingTheField() {
        assertThatThrownBy(() -> SqliteOptions.defaults().withBusyTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("busyTimeout must be between 0 and");
    }
}
