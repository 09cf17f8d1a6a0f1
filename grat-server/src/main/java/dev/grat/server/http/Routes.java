package dev.grat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.grat.Grat;
import dev.grat.server.audit.AuditLog;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.json.WireFormat;
import dev.grat.server.metrics.ServerMetrics;
import dev.grat.server.web.DashboardReport;
import dev.grat.server.web.EmailLinks;
import dev.grat.server.web.EmailTracking;
import dev.grat.server.web.SelfService;
import dev.grat.server.web.SigningKey;
import dev.grat.server.web.SiteAssets;
import dev.grat.server.web.VisitorTokens;
import dev.grat.server.web.WebAnswer;
import dev.grat.server.web.WebCounters;
import dev.grat.server.web.WebError;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static dev.grat.server.http.Access.PUBLIC;
import static dev.grat.server.http.Access.PUBLISHABLE;
import static dev.grat.server.http.Access.SECRET;

/**
 * Every route of the server, in one table: method, path, the key it needs, handler. Deny by default: a path that
 * is not here is a 404, and a route's access is written next to it. Literal paths come before templates that
 * would also match them ({@code /v1/content/slots} before {@code /v1/content/{slot}}).
 *
 * <p>The browser routes ({@code dev.grat.server.web}) add a second credential inside their handlers: the
 * {@code /v1/me/...} routes take the publishable key <em>and</em> the visitor's own signed token, and the e-mail
 * tracking routes need no key because their signed token is the credential.
 */
final class Routes {

    private Routes() {
    }

    static RouteTable table(Grat grat, WireFormat wire, ServerMetrics metrics, ServerConfig config) {
        var operations = new OperationsEndpoint(grat, wire, metrics);
        var deadLetterOffice = new DeadLetterOffice(grat, wire, grat.clock(), DeadLetterOffice.DEFAULT_MAX_LETTERS,
                DeadLetterOffice.DEFAULT_RETENTION);
        grat.addRetentionHook(deadLetterOffice);
        var deadLetters = new DeadLetterEndpoint(grat, wire, deadLetterOffice, metrics);
        var events = new EventEndpoint(grat, wire, metrics, deadLetterOffice);
        var consent = new ConsentEndpoint(grat, wire);
        var catalog = new CatalogEndpoint(grat, wire);
        var decisions = new DecisionEndpoint(grat, wire);
        var content = new ContentAdminEndpoint(grat, wire);
        var privacy = new PrivacyEndpoint(grat, wire);
        var assets = new SiteAssets();
        var counters = new WebCounters();
        var signing = SigningKey.inDataDirectory(config.dataDir());
        var clock = Clock.systemUTC();
        var tokens = new VisitorTokens(signing, clock);
        var self = new SelfService(grat, wire, tokens, counters);
        var audit = new AuditTrail(AuditLog.inDataDirectory(config.dataDir(), wire.mapper()), config.secretKey(),
                tokens, clock);
        grat.addRetentionHook(audit.log());
        var preferences = new PreferencesEndpoint(grat, wire, tokens);
        var email = new EmailTracking(grat, new EmailLinks(signing), wire.mapper(), clock, counters);
        var dashboard = new DashboardReport(grat, counters, wire.mapper(), clock);
        return new RouteTable(List.of(
                Route.of("GET", "/", PUBLIC, request -> asset(assets, "index.html")),
                Route.of("GET", "/web/{file}", PUBLIC, request -> asset(assets, request.path("file"))),
                Route.of("GET", "/" + SiteAssets.SNIPPET, PUBLIC, request -> asset(assets, SiteAssets.SNIPPET)),
                Route.of("GET", "/dashboard", PUBLIC, request -> asset(assets, "dashboard.html")),
                Route.of("GET", "/health", PUBLIC, operations::health),
                Route.of("GET", "/metrics", SECRET, operations::metrics),
                Route.of("POST", "/v1/events", PUBLISHABLE, events::track),
                Route.of("GET", "/v1/dead-letters", SECRET, audit.audited("dead-letters.read", false,
                        AuditTrail.nobody(), deadLetters::list)),
                Route.of("POST", "/v1/dead-letters/replay", SECRET, audit.audited("dead-letters.replay", false,
                        AuditTrail.nobody(), deadLetters::replay)),
                Route.of("PUT", "/v1/consent/{visitorId}", SECRET,
                        audit.audited("consent.write", false, AuditTrail.visitorInPath("visitorId"), consent::put)),
                Route.of("GET", "/v1/consent/ledger/verify", SECRET, audit.audited("consent.verify", false,
                        AuditTrail.nobody(), consent::verify)),
                Route.of("GET", "/v1/consent/{visitorId}/receipt", SECRET, audit.audited("consent.receipt", false,
                        AuditTrail.visitorInPath("visitorId"), consent::receipt)),
                Route.of("GET", "/v1/consent/{visitorId}", SECRET,
                        audit.audited("consent.read", false, AuditTrail.visitorInPath("visitorId"), consent::get)),
                Route.of("PUT", "/v1/items", SECRET, catalog::put),
                Route.of("GET", "/v1/items/{id}", SECRET, catalog::get),
                Route.of("GET", "/v1/recommendations", PUBLISHABLE, decisions::recommendations),
                Route.of("GET", "/v1/navigation", PUBLISHABLE, decisions::navigation),
                Route.of("GET", "/v1/content", PUBLISHABLE, decisions::content),
                Route.of("GET", "/v1/content/slots", SECRET, content::slots),
                Route.of("PUT", "/v1/content/{slot}", SECRET, content::putSlot),
                Route.of("POST", "/v1/decisions", PUBLISHABLE, new BanditDecisionEndpoint(grat, wire)::decide),
                Route.of("POST", "/v1/decisions/{decisionId}/reward", SECRET, new BanditDecisionEndpoint(grat, wire)::reward),
                Route.of("GET", "/v1/slots", SECRET, new BanditDecisionEndpoint(grat, wire)::slots),
                Route.of("PUT", "/v1/slots/{slot}/policy", SECRET, new BanditDecisionEndpoint(grat, wire)::putPolicy),
                Route.of("GET", "/v1/experiments", SECRET, new ExperimentEndpoint(grat, wire)::list),
                Route.of("POST", "/v1/experiments", SECRET, new ExperimentEndpoint(grat, wire)::start),
                Route.of("GET", "/v1/experiments/{id}/results", SECRET, new ExperimentEndpoint(grat, wire)::results),
                Route.of("DELETE", "/v1/experiments/{id}", SECRET, new ExperimentEndpoint(grat, wire)::stop),
                // Before /v1/privacy/{visitorId}, which would take "report" for a visitor id.
                Route.of("GET", "/v1/privacy/report", SECRET, new PrivacyReportEndpoint(grat, wire.mapper())::report),
                Route.of("GET", "/v1/privacy/{visitorId}", SECRET, audit.audited("privacy.export", false,
                        AuditTrail.visitorInPath("visitorId"), counted(privacy::export, counters::operatorExport))),
                Route.of("DELETE", "/v1/privacy/{visitorId}", SECRET, audit.audited("privacy.erase", false,
                        AuditTrail.visitorInPath("visitorId"), counted(privacy::erase, counters::operatorErasure))),
                Route.of("DELETE", "/v1/privacy/customers/{customerId}", SECRET,
                        audit.audited("privacy.erase-customer", false, AuditTrail.customerInPath("customerId"),
                        counted(privacy::eraseCustomer, counters::operatorErasure))),
                Route.of("PUT", "/v1/privacy/{visitorId}/preferences", SECRET, audit.audited("privacy.preferences-write",
                        false, AuditTrail.visitorInPath("visitorId"), preferences::put)),
                Route.of("GET", "/v1/privacy/{visitorId}/preferences", SECRET, audit.audited("privacy.preferences-read",
                        false, AuditTrail.visitorInPath("visitorId"), preferences::get)),
                Route.of("PUT", "/v1/privacy/{visitorId}/objection", SECRET, audit.audited("privacy.objection",
                        false, AuditTrail.visitorInPath("visitorId"), consent::objection)),
                Route.of("PUT", "/v1/privacy/{visitorId}/restriction", SECRET, audit.audited("privacy.restriction",
                        false, AuditTrail.visitorInPath("visitorId"), consent::restriction)),
                Route.of("POST", "/v1/privacy/retention/run", SECRET, audit.audited("privacy.retention-run", false,
                        AuditTrail.nobody(), new RetentionEndpoint(grat, wire)::run)),
                Route.of("GET", "/v1/audit", SECRET, audit.audited("audit.read", false, AuditTrail.nobody(),
                        new AuditEndpoint(audit.log(), wire)::list)),
                Route.of("POST", "/v1/me/consent", PUBLISHABLE,
                        audit.audited("me.consent", true, AuditTrail.visitorInBody(),
                                guarded(request -> json(wire, self.consent(request.json(),
                                        request.globalPrivacyControl()))))),
                Route.of("POST", "/v1/me/consent/receipt", PUBLISHABLE,
                        audit.audited("me.consent-receipt", true, audit.visitorOfToken(),
                                guarded(request -> consent.receiptResponse(request, self.receipt(request.json()))))),
                Route.of("POST", "/v1/me/objection", PUBLISHABLE,
                        audit.audited("me.objection", true, audit.visitorOfToken(),
                                guarded(request -> json(wire, self.objection(request.json()))))),
                Route.of("POST", "/v1/me/restriction", PUBLISHABLE,
                        audit.audited("me.restriction", true, audit.visitorOfToken(),
                                guarded(request -> json(wire, self.restriction(request.json()))))),
                Route.of("PUT", "/v1/me/preferences", PUBLISHABLE,
                        audit.audited("me.preferences-write", true, audit.visitorOfToken(),
                                guarded(preferences::putOwn))),
                Route.of("GET", "/v1/me/preferences", PUBLISHABLE,
                        audit.audited("me.preferences-read", true,
                                request -> new AuditTrail.Subject("visitor", preferences.visitorOfHeader(request)),
                                guarded(preferences::getOwn))),
                Route.of("POST", "/v1/me/export", PUBLISHABLE,
                        audit.audited("me.export", true, audit.visitorOfToken(),
                                guarded(request -> json(wire, self.export(request.json()))))),
                Route.of("POST", "/v1/me/erase", PUBLISHABLE,
                        audit.audited("me.erase", true, audit.visitorOfToken(),
                                guarded(request -> json(wire, self.erase(request.json()))))),
                Route.of("GET", "/v1/dashboard", SECRET, request -> {
                    request.query().allowOnly(List.of());
                    return json(wire, dashboard.report());
                }),
                Route.of("POST", "/v1/email/links", SECRET, request -> json(wire, email.sign(request.json()))),
                Route.of("GET", EmailTracking.OPEN_PATH + "{token}", PUBLIC,
                        guarded(request -> web(email.open(request.path("token"), request.globalPrivacyControl())))),
                Route.of("GET", EmailTracking.CLICK_PATH + "{token}", PUBLIC,
                        guarded(request -> web(email.click(request.path("token"), request.globalPrivacyControl()))))));
    }

    private static Response asset(SiteAssets assets, String name) {
        return web(assets.file(name).orElseThrow(() -> HttpError.notFound("no file " + name)));
    }

    private static Response web(WebAnswer answer) {
        return new Response(answer.status(), answer.contentType(), answer.body(), answer.headers());
    }

    private static Response json(WireFormat wire, JsonNode body) {
        return Response.json(wire.mapper(), 200, body);
    }

    /** Renders the browser routes' refusals like every other error. */
    private static Handler guarded(Handler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (WebError refused) {
                Map<String, String> headers = refused.status() == 401
                        ? Map.of("WWW-Authenticate", "Grat-Visitor-Token") : Map.of();
                throw new HttpError(refused.status(), refused.getMessage(), List.of(), headers);
            }
        };
    }

    /** Counts a successful call for the dashboard's privacy picture. */
    private static Handler counted(Handler handler, Runnable count) {
        return request -> {
            Response response = handler.handle(request);
            count.run();
            return response;
        };
    }
}
