package dev.grat.server.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.privacy.retention.RetentionPeriods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTest {

    private static final Instant DAY1 = Instant.parse("2026-01-05T10:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void eraseBefore_removesOlderEntriesOnly_wholeDaysAndWithinTheCutoffsDay() {
        AuditLog log = AuditLog.inDataDirectory(dataDir, new ObjectMapper());
        log.append(entry(DAY1, "a"));
        log.append(entry(DAY1.plus(Duration.ofDays(1)), "b"));
        log.append(entry(DAY1.plus(Duration.ofDays(1)).plusSeconds(7200), "c"));
        log.append(entry(DAY1.plus(Duration.ofDays(2)), "d"));

        long removed = log.eraseBefore(DAY1.plus(Duration.ofDays(1)).plusSeconds(3600));

        assertThat(removed).isEqualTo(2);
        assertThat(log.since(Instant.EPOCH, 10)).extracting(AuditEntry::action).containsExactly("c", "d");
        assertThat(Files.exists(dataDir.resolve("audit/audit-2026-01-05.jsonl"))).isFalse();
        assertThat(log.eraseBefore(DAY1)).isZero();
    }

    @Test
    void since_skipsOlderEntries_andKeepsOrder() {
        AuditLog log = AuditLog.inDataDirectory(dataDir, new ObjectMapper());
        log.append(entry(DAY1, "a"));
        log.append(entry(DAY1.plusSeconds(60), "b"));
        log.append(entry(DAY1.plus(Duration.ofDays(3)), "c"));

        assertThat(log.since(DAY1.plusSeconds(1), 10)).extracting(AuditEntry::action).containsExactly("b", "c");
        assertThat(log.since(Instant.EPOCH, 2)).extracting(AuditEntry::action).containsExactly("a", "b");
    }

    @Test
    void anUnusedLog_leavesNoFile_andItsRetentionPeriodIsTheAuditLogs() {
        AuditLog log = AuditLog.inDataDirectory(dataDir, new ObjectMapper());

        assertThat(log.since(Instant.EPOCH, 10)).isEmpty();
        assertThat(log.eraseBefore(DAY1)).isZero();
        assertThat(Files.exists(dataDir.resolve(AuditLog.DIRECTORY))).isFalse();
        assertThat(log.period(RetentionPeriods.defaults().withAuditLog(Duration.ofDays(42))))
                .isEqualTo(Duration.ofDays(42));
    }

    @Test
    void pseudonyms_areStableAcrossInstances_andDifferByKind() {
        String first = AuditLog.inDataDirectory(dataDir, new ObjectMapper()).pseudonyms().of("visitor", "v1");
        SubjectPseudonyms again = AuditLog.inDataDirectory(dataDir, new ObjectMapper()).pseudonyms();

        assertThat(again.of("visitor", "v1")).isEqualTo(first);
        assertThat(again.of("customer", "v1")).isNotEqualTo(first);
        assertThat(SubjectPseudonyms.of(new byte[32]).of("visitor", "v1")).isNotEqualTo(first);
    }

    private static AuditEntry entry(Instant at, String action) {
        return new AuditEntry(at, AuditEntry.Credential.SECRET_KEY, "0123456789ab", false, action, 200, null, null);
    }
}
