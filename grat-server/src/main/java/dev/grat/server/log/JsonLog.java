package dev.grat.server.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.server.config.ServerConfig.LogLevel;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * A structured log: one JSON object per line, {@code {"ts", "level", "event", ...fields}}.
 *
 * <p>Callers pass only values that identify nobody: route templates rather than raw paths, counts, durations,
 * error ids and exception class names. Never a visitor id, customer id, search query, key or request body.
 */
public final class JsonLog {

    private final PrintStream out;
    private final LogLevel threshold;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    public JsonLog(PrintStream out, LogLevel threshold, Clock clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.threshold = Objects.requireNonNull(threshold, "threshold");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A log to standard error with the system clock. */
    public static JsonLog toStandardError(LogLevel threshold) {
        return new JsonLog(System.err, threshold, Clock.systemUTC());
    }

    public boolean isEnabled(LogLevel level) {
        return level.compareTo(threshold) >= 0;
    }

    public void debug(String event, Map<String, ?> fields) {
        write(LogLevel.DEBUG, event, fields);
    }

    public void info(String event, Map<String, ?> fields) {
        write(LogLevel.INFO, event, fields);
    }

    public void warn(String event, Map<String, ?> fields) {
        write(LogLevel.WARN, event, fields);
    }

    public void error(String event, Map<String, ?> fields) {
        write(LogLevel.ERROR, event, fields);
    }

    private void write(LogLevel level, String event, Map<String, ?> fields) {
        if (!isEnabled(level)) {
            return;
        }
        ObjectNode line = mapper.createObjectNode();
        line.put("ts", clock.instant().toString());
        line.put("level", level.wireName());
        line.put("event", event);
        fields.forEach((name, value) -> line.set(name, mapper.valueToTree(value)));
        try {
            String text = mapper.writeValueAsString(line);
            // One println per line, so that lines of concurrent threads do not interleave.
            out.println(text);
        } catch (JsonProcessingException e) {
            out.println("{\"level\":\"error\",\"event\":\"log_failed\",\"exception\":\""
                    + e.getClass().getName() + "\"}");
        }
    }
}
