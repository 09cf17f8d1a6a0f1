package dev.grat.store.sqlite;

import dev.grat.EngineSettings;
import dev.grat.Grat;
import dev.grat.MovingClock;
import dev.grat.consent.ConsentChange;
import dev.grat.consent.Purpose;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.TrackContext;
import dev.grat.privacy.retention.RetentionPeriods;
import dev.grat.privacy.retention.RetentionReport;
import dev.grat.store.IngestBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention on the embedded store: expired rows leave every file of the data directory, not only the tables. */
class SqliteRetentionTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    @TempDir
    Path dataDir;

    /**
     * Like erasure after churn: page rebuilds leave stale copies of moved rows where secure_delete does not reach, so
     * this fails if the scrub after retention only deleted and truncated the log.
     */
    @Test
    void retentionAfterHeavyChurn_leavesNoByteOfAnyExpiredEvent() {
        Random random = new Random(7);
        List<String> expired = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<byte[]> expiredPieces;
        List<byte[]> keptPieces;
        try (SqliteStore store = SqliteStore.open(dataDir)) {
            for (int round = 0; round < 40; round++) {
                List<Event> batch = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int n = round * 200 + i;
                    boolean old = random.nextInt(4) == 0;
                    String query = "query-%05d-".formatted(n) + "z".repeat(random.nextInt(10) == 0
                            ? random.nextInt(3000) : random.nextInt(40));
                    (old ? expired : kept).add("query-%05d-".formatted(n));
                    batch.add(search("event-" + n, "visitor-" + random.nextInt(500), query,
                            old ? T0.plusSeconds(random.nextInt(3600)) : T0.plusSeconds(7200 + random.nextInt(3600))));
                }
                store.events().commit(new IngestBatch(batch, List.of()));
            }

            long cutoff = T0.plusSeconds(3600).toEpochMilli();
            expiredPieces = DataDirectoryScan.sealedPieces(dataDir, "SELECT payload FROM events WHERE ts < " + cutoff);
            keptPieces = DataDirectoryScan.sealedPieces(dataDir,
                    "SELECT payload FROM events WHERE ts >= " + cutoff + " LIMIT 20");

            List<Event> removed = store.events().eraseBefore(EventType.SEARCH, T0.plusSeconds(3600));
            store.scrubErased();

            assertThat(removed).hasSize(expired.size());
            assertThat(store.events().personalEventCount()).isEqualTo(kept.size());
        }
        // Records are sealed, so no query is in clear; the expired records' ciphertext must be gone as well.
        assertThat(DataDirectoryScan.textsFound(dataDir, expired)).isEmpty();
        assertThat(expiredPieces).hasSize(expired.size());
        assertThat(DataDirectoryScan.bytesFound(dataDir, expiredPieces)).isEmpty();
        assertThat(DataDirectoryScan.bytesFound(dataDir, keptPieces)).hasSize(20);
    }

    @Test
    void engineRetention_removesAnExpiredEventFromTheFiles_andAfterARestart() {
        MovingClock clock = new MovingClock(T0);
        RetentionPeriods periods = RetentionPeriods.defaults().withEvent(EventType.SEARCH, Duration.ofDays(30));
        try (Grat grat = engine(clock, periods)) {
            grat.setConsent("v1", new ConsentChange(Map.of(Purpose.ANALYTICS, true, Purpose.PERSONALIZATION, true),
                    "banner", "v1", false));
            grat.track(List.of(search("e-old", "v1", "expired-query-7f3a", T0)), TrackContext.none());
            List<byte[]> oldPiece = DataDirectoryScan.sealedPieces(dataDir, "SELECT payload FROM events");
            clock.advance(Duration.ofDays(29));
            grat.track(List.of(search("e-new", "v1", "kept-query-91b2", clock.instant())), TrackContext.none());
            List<byte[]> newPiece = DataDirectoryScan.sealedPieces(dataDir,
                    "SELECT payload FROM events ORDER BY seq DESC LIMIT 1");
            assertThat(DataDirectoryScan.bytesFound(dataDir, oldPiece)).containsExactly(0);
            clock.advance(Duration.ofDays(2));

            RetentionReport report = grat.runRetention();

            assertThat(report.category("events.search").removed()).isEqualTo(1);
            assertThat(DataDirectoryScan.filesContaining(dataDir, "expired-query-7f3a")).isEmpty();
            assertThat(DataDirectoryScan.filesContaining(dataDir, "e-old")).isEmpty();
            assertThat(DataDirectoryScan.bytesFound(dataDir, oldPiece)).isEmpty();
            assertThat(DataDirectoryScan.bytesFound(dataDir, newPiece)).containsExactly(0);
            assertThat(grat.export("v1").events()).extracting(Event::id).containsExactly("e-new");
        }
        try (Grat restarted = engine(clock, periods)) {
            assertThat(restarted.export("v1").events()).extracting(Event::id).containsExactly("e-new");
            assertThat(restarted.export("v1").profile().recentSearches()).isNotEmpty()
                    .noneMatch(query -> query.contains("expired"));
        }
    }

    private Grat engine(MovingClock clock, RetentionPeriods periods) {
        SqliteStore store = SqliteStore.open(dataDir, SqliteOptions.defaults().withClock(clock));
        SqliteDecisions decisions = SqliteDecisions.open(store);
        return Grat.builder().store(store).clock(clock).retention(periods).retentionEvery(Duration.ZERO)
                .decisionLog(decisions.log()).decisionState(decisions.state())
                .settings(EngineSettings.defaults().withPopularityRefresh(Duration.ZERO)).build();
    }

    private static Event search(String id, String visitorId, String query, Instant at) {
        return Event.builder().id(id).type(EventType.SEARCH).visitorId(visitorId).channel(Channel.WEB)
                .timestamp(at).query(query).build();
    }
}
