package dev.grat.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.grat.event.Event;
import dev.grat.event.EventValidator;
import dev.grat.event.FieldError;
import dev.grat.server.json.Parsed;
import dev.grat.server.json.WireFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The per-event cost before anything is stored: reading a purchase event from JSON in the wire format, and
 * the engine's validation of it.
 *
 * <p>Run: {@code ./grat bench jmh EventReadingBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EventReadingBenchmark {

    private static final String PURCHASE = """
            {"id": "order-9f1c2-1", "type": "purchase", "visitorId": "3c821fbf-5910-8163-a7ff-0d388687ffb2",
             "customerId": "cust-3c821fbf", "channel": "web", "timestamp": "2026-03-01T12:00:00Z",
             "items": [{"itemId": "sku-10034", "quantity": 1, "price": 204.99},
                       {"itemId": "sku-10019", "quantity": 2, "price": 91.99}],
             "currency": "EUR", "properties": {"orderId": "order-9f1c2"}}
            """;

    private final ObjectMapper mapper = WireFormat.defaultMapper();
    private final WireFormat wire = new WireFormat(mapper);
    private final EventValidator validator = new EventValidator(Duration.ofMinutes(5));
    private final Instant now = Instant.parse("2026-03-01T12:05:00Z");
    private JsonNode node;
    private Event event;

    @Setup
    public void parse() throws IOException {
        node = mapper.readTree(PURCHASE);
        event = wire.event(node).value();
    }

    /** Wire format to an {@link Event}: field types, enums, line items, the timestamp. */
    @Benchmark
    public Parsed<Event> readEvent() {
        return wire.event(node);
    }

    /** The engine's rules: ids, type-specific fields, line items, currency, clock skew. */
    @Benchmark
    public List<FieldError> validateEvent() {
        return validator.validate(event, now);
    }

    /** JSON text to a validated event, the whole per-event work of {@code POST /v1/events} before the store. */
    @Benchmark
    public List<FieldError> parseReadAndValidate() throws IOException {
        return validator.validate(wire.event(mapper.readTree(PURCHASE)).value(), now);
    }
}
