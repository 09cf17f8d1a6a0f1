package dev.grat.event;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

class TimestampsTest {

    /** Year -2000 to 12000: four-digit years take the fast path, the others Instant.parse. */
    private static final long FROM = Instant.parse("-2000-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();

    @Test
    void canonicalUtcForms_takeTheFastPath_andEqualInstantParse() {
        for (String text : List.of("2026-11-30T01:02:03Z", "2026-11-30T01:02:03.4Z", "2026-11-30T01:02:03.456Z",
                "2026-11-30T01:02:03.000456Z", "2026-11-30T01:02:03.123456789Z", "2024-02-29T23:59:59.999999999Z",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z")) {
            assertThat(Timestamps.canonicalUtc(text)).as(text).isNotNull().isEqualTo(Instant.parse(text));
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void otherFormsInstantParseAccepts_goToIt_andReadTheSame() {
        for (String text : List.of("2026-01-01T00:00:00+02:00", "2026-01-01T00:00:00-05:30", "2026-01-01t00:00:00z",
                "2026-01-01T24:00:00Z", "2026-12-31T23:59:60Z", "2026-01-01T00:00:00.Z", "+10000-01-01T00:00:00Z",
                "-0001-01-01T00:00:00Z")) {
            assertThat(Timestamps.canonicalUtc(text)).as(text).isNull();
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void invalidTimestamps_areRefusedExactlyAsInstantParseRefusesThem() {
        for (String text : List.of("2026-02-30T00:00:00Z", "2100-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-00-01T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-01T24:00:01Z", "2026-01-01T25:00:00Z",
                "2026-01-01T00:60:00Z", "2026-12-31T23:58:60Z", "2026-01-01T00:00:00", "2026-01-01T00:00:00.1234567891Z",
                "2026-01-01 00:00:00Z", "2026-01-01T00:00Z", "2026-1-01T00:00:00Z", "２026-01-01T00:00:00Z",
                "2026-01-01T00:00:00.12a4Z", "", "yesterday")) {
            assertSameOutcome(text);
        }
    }

    @Test
    void everyDayOfEveryFourDigitYear_takesTheFastPath_onTheRightDay() {
        for (LocalDate day = LocalDate.of(0, 1, 1); day.getYear() < 10_000; day = day.plusDays(1)) {
            String text = day + "T00:00:00Z";
            Instant expected = Instant.ofEpochSecond(day.toEpochDay() * 86_400);
            if (!expected.equals(Timestamps.canonicalUtc(text))) { // assertThat per day would take seconds
                fail(text + " read as " + Timestamps.canonicalUtc(text) + ", not " + expected);
            }
        }
    }

    @Test
    void randomInstants_withNoneThreeSixOrNineFractionDigits_readAsInstantParseReadsThem() {
        Random random = new Random(20261130);
        for (int i = 0; i < 20_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(FROM, TO), nano);
            String text = DateTimeFormatter.ISO_INSTANT.format(instant);
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(Instant.parse(text)).isEqualTo(instant);
        }
    }

    @Test
    void randomTextsOfTheCanonicalShape_valid_orNot_haveInstantParsesOutcome() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder("%04d-%02d-%02dT%02d:%02d:%02d".formatted(random.nextInt(10_000),
                    random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62)));
            int fractionDigits = random.nextInt(12) - 1; // -1: no point at all; 0: a point without digits
            if (fractionDigits >= 0) {
                text.append('.');
                for (int d = 0; d < fractionDigits; d++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            text.append('Z');
            if (random.nextInt(10) == 0) {
                text.setCharAt(random.nextInt(text.length()), "0Zz:.-+T t/".charAt(random.nextInt(11)));
            }
            assertSameOutcome(text.toString());
        }
    }

    private static void assertSameOutcome(String text) {
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeParseException refused) {
            DateTimeParseException e = catchThrowableOfType(DateTimeParseException.class, () -> Timestamps.parse(text));
            assertThat(e).as(text).isNotNull();
            assertThat(e.getMessage()).as(text).isEqualTo(refused.getMessage());
            assertThat(e.getErrorIndex()).as(text).isEqualTo(refused.getErrorIndex());
            return;
        }
        assertThat(Timestamps.parse(text)).as(text).isEqualTo(expected);
    }
}
