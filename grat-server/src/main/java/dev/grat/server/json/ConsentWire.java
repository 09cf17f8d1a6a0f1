package dev.grat.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.consent.ConsentReceipt;
import dev.grat.consent.LedgerVerification;
import dev.grat.consent.Purpose;
import dev.grat.event.FieldError;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The wire format of the consent ledger's extras: receipts, the verification report, and the body of an
 * objection or restriction request ({@code {"active": true|false, "source"?}}).
 */
public final class ConsentWire {

    private static final List<String> FLAG_FIELDS = List.of("active", "source");

    private final ObjectMapper mapper;

    public ConsentWire(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** An objection or restriction request: {@code active} is required; {@code source} defaults as given. */
    public Parsed<FlagRequest> flag(JsonNode node, String defaultSource) {
        List<FieldError> errors = new ArrayList<>();
        Optional<JsonFields> read = JsonFields.of(node, "", "body", FLAG_FIELDS, errors);
        if (read.isEmpty()) {
            return Parsed.failed(errors);
        }
        Boolean active = read.get().bool("active");
        String source = read.get().text("source");
        if (active == null && errors.stream().noneMatch(e -> e.field().equals("active"))) {
            errors.add(new FieldError("active", "is required: true to set it, false to lift it"));
        }
        return errors.isEmpty() ? Parsed.ok(new FlagRequest(active, source == null ? defaultSource : source))
                : Parsed.failed(errors);
    }

    /** An objection or restriction to set ({@code active}) or lift, and where the request came from. */
    public record FlagRequest(boolean active, String source) {
    }

    /**
     * {@code {"visitorId", "agreed": [...], "refused": [...], "recordedAt", "source", "policyVersion", "notice":
     * {"hash", "text"}, "globalPrivacyControl", "objected", "restricted", "ledger": {"sequence", "entryHash"}}}
     */
    public JsonNode toJson(ConsentReceipt receipt) {
        ObjectNode json = mapper.createObjectNode();
        json.put("visitorId", receipt.visitorId());
        json.set("agreed", purposes(receipt.agreed()));
        json.set("refused", purposes(receipt.refused()));
        json.put("recordedAt", receipt.recordedAt().toString());
        json.put("source", receipt.source());
        json.put("policyVersion", receipt.policyVersion());
        ObjectNode notice = json.putObject("notice");
        notice.put("hash", receipt.noticeHash());
        notice.put("text", receipt.noticeText());
        json.put("globalPrivacyControl", receipt.globalPrivacyControl());
        json.put("objected", receipt.objected());
        json.put("restricted", receipt.restricted());
        json.putObject("ledger").put("sequence", receipt.sequence()).put("entryHash", receipt.entryHash());
        return json;
    }

    /**
     * {@code {"valid", "entriesChecked", "tombstones", "headHash", "firstBroken": null | {"sequence", "problem",
     * "detail"}}}
     */
    public JsonNode toJson(LedgerVerification verification) {
        ObjectNode json = mapper.createObjectNode();
        json.put("valid", verification.valid());
        json.put("entriesChecked", verification.entriesChecked());
        json.put("tombstones", verification.tombstones());
        json.put("headHash", verification.headHash());
        verification.firstBreak().ifPresentOrElse(
                broken -> json.putObject("firstBroken").put("sequence", broken.sequence())
                        .put("problem", broken.problem().wireName()).put("detail", broken.detail()),
                () -> json.putNull("firstBroken"));
        return json;
    }

    private ArrayNode purposes(Set<Purpose> purposes) {
        ArrayNode array = mapper.createArrayNode();
        (purposes.isEmpty() ? EnumSet.noneOf(Purpose.class) : EnumSet.copyOf(purposes))
                .forEach(purpose -> array.add(purpose.wireName()));
        return array;
    }
}
