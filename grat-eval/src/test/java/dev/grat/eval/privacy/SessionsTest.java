package dev.grat.eval.privacy;

import dev.grat.eval.recommend.Rating;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsTest {

    @Test
    void lastOfLastSession_takesTheLatestItemsAfterTheLastGap() {
        List<Rating> ordered = List.of(at("a", 0), at("b", 100), at("c", 10_000), at("d", 10_100), at("e", 10_200),
                at("f", 10_300));

        assertThat(items(Sessions.lastOfLastSession(ordered, 1_800, 3))).containsExactly("d", "e", "f");
        assertThat(items(Sessions.lastOfLastSession(ordered, 1_800, 10))).containsExactly("c", "d", "e", "f");
        assertThat(items(Sessions.lastOfLastSession(ordered, 100_000, 10))).hasSize(6);
        assertThat(Sessions.lastOfLastSession(List.of(), 1_800, 5)).isEmpty();
    }

    private static Rating at(String item, long time) {
        return new Rating("u", item, 1, time, time);
    }

    private static List<String> items(List<Rating> ratings) {
        return ratings.stream().map(Rating::item).toList();
    }
}
