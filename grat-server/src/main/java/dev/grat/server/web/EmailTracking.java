package dev.grat.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.grat.Grat;
import dev.grat.catalog.Identifiers;
import dev.grat.consent.Purpose;
import dev.grat.event.Channel;
import dev.grat.event.Event;
import dev.grat.event.EventType;
import dev.grat.event.FieldError;
import dev.grat.event.TrackContext;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The e-mail channel: signed tracking links for a newsletter ({@code POST /v1/email/links}), the open pixel
 * ({@code GET /e/open/{token}}) and the click redirect ({@code GET /e/click/{token}}). Opens and clicks are
 * recorded only for recipients who consented to {@code marketing} and whose mail client did not send
 * {@code Sec-GPC: 1}; for everybody else nothing at all is recorded, not even an anonymous count. Each
 * recipient's open of a campaign, and click of a link, is one event (its id is derived from the token), so
 * a mail client that loads the pixel again stores nothing twice.
 */
public final class EmailTracking {

    /** Paths of the tracking routes; a newsletter prefixes them with the URL its readers reach Grat at. */
    public static final String OPEN_PATH = "/e/open/";
    public static final String CLICK_PATH = "/e/click/";

    private static final int MAX_LINKS = 100;
    private static final int MAX_PROPERTY = 256;
    /** A transparent 1×1 GIF. */
    private static final byte[] PIXEL = Base64.getDecoder()
            .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final Grat grat;
    private final EmailLinks links;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final WebCounters counters;

    public EmailTracking(Grat grat, EmailLinks links, ObjectMapper mapper, Clock clock, WebCounters counters) {
        this.grat = grat;
        this.links = links;
        this.mapper = mapper;
        this.clock = clock;
        this.counters = counters;
    }

    /**
     * Signs the tracking URLs of one recipient and campaign. Body:
     * {@code {"visitorId", "campaign", "links": ["https://shop.example/sale", ...]}}; answer:
     * {@code {"open": "/e/open/…", "links": [{"url", "tracked": "/e/click/…"}]}}.
     */
    public JsonNode sign(JsonNode node) {
        JsonBody body = JsonBody.of(node, List.of("visitorId", "campaign", "links"));
        String visitorId = identifier(body, "visitorId");
        String campaign = identifier(body, "campaign");
        List<String> targets = body.texts("links", MAX_LINKS);
        List<URI> checked = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            StringBuilder problem = new StringBuilder();
            Optional<URI> target = EmailLinks.checkTarget(targets.get(i), problem);
            if (target.isPresent()) {
                checked.add(target.get());
            } else {
                body.error("links[" + i + "]", problem.toString());
            }
        }
        body.check();
        ObjectNode answer = mapper.createObjectNode();
        answer.put("open", OPEN_PATH + links.openToken(visitorId, campaign));
        ArrayNode tracked = answer.putArray("links");
        for (URI target : checked) {
            tracked.addObject().put("url", target.toString())
                    .put("tracked", CLICK_PATH + links.clickToken(visitorId, campaign, target));
        }
        return answer;
    }

    /** The pixel; records {@code email_open} when the recipient consented to marketing. */
    public WebAnswer open(String token, boolean globalPrivacyControl) {
        EmailLinks.Open open = links.open(token);
        record(EventType.EMAIL_OPEN, token, open.visitorId(), Map.of("campaign", open.campaign()),
                globalPrivacyControl);
        return new WebAnswer(200, "image/gif", PIXEL, Map.of("Cache-Control", "no-store"));
    }

    /** The redirect to the signed target; records {@code email_click} when the recipient consented to marketing. */
    public WebAnswer click(String token, boolean globalPrivacyControl) {
        EmailLinks.Click click = links.click(token);
        record(EventType.EMAIL_CLICK, token, click.visitorId(),
                Map.of("campaign", click.campaign(), "link", shorten(click.target().toString())), globalPrivacyControl);
        return WebAnswer.redirect(click.target().toString());
    }

    private void record(EventType type, String token, String visitorId, Map<String, String> properties,
                        boolean globalPrivacyControl) {
        boolean consented = !globalPrivacyControl && grat.consent(visitorId).current().allows(Purpose.MARKETING);
        counters.emailEvent(consented);
        if (!consented) {
            return;
        }
        Event event = Event.builder()
                .id((type == EventType.EMAIL_OPEN ? "eo-" : "ec-") + digest(token))
                .type(type)
                .visitorId(visitorId)
                .channel(Channel.EMAIL)
                .timestamp(clock.instant())
                .properties(properties)
                .build();
        grat.track(List.of(event), new TrackContext(globalPrivacyControl));
    }

    private static String identifier(JsonBody body, String field) {
        String value = body.text(field, true);
        if (value != null) {
            List<FieldError> errors = new ArrayList<>();
            Identifiers.check(value, field, errors);
            errors.forEach(error -> body.error(error.field(), error.message()));
        }
        return value;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_PROPERTY ? text : text.substring(0, MAX_PROPERTY);
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
