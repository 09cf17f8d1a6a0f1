package dev.grat.server.http;

import dev.grat.consent.ConsentReceipt;
import dev.grat.consent.Purpose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A consent receipt as a page a person can keep: what they agreed to and refused, when, under which policy and
 * notice text, and the ledger entry that proves it. Every value is escaped; the page loads nothing.
 */
final class ReceiptPage {

    private static final String STYLE =
            "body{font:15px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1f2937}"
            + "table{border-collapse:collapse}td,th{border:1px solid #d1d5db;padding:.25rem .5rem;text-align:left;"
            + "vertical-align:top}th{background:#f3f4f6}blockquote{white-space:pre-wrap;border-left:4px solid #d1d5db;"
            + "margin:1rem 0;padding:.5rem 1rem}code{word-break:break-all}";

    /** Only the inline style sheet above, by hash. */
    static final String POLICY = "default-src 'none'; style-src 'sha256-" + Base64.getEncoder().encodeToString(
            sha256(STYLE)) + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private ReceiptPage() {
    }

    static String render(ConsentReceipt receipt) {
        StringBuilder html = new StringBuilder(2048);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Your consent receipt</title><style>").append(STYLE)
                .append("</style></head><body><h1>Your consent receipt</h1><table>");
        row(html, "Visitor id", receipt.visitorId());
        row(html, "You agreed to", names(receipt.agreed()));
        row(html, "You refused", names(receipt.refused()));
        row(html, "Recorded at", receipt.recordedAt().toString());
        row(html, "Given through", receipt.source());
        row(html, "Privacy policy version", receipt.policyVersion());
        row(html, "Global Privacy Control", receipt.globalPrivacyControl() ? "on (marketing refused)" : "off");
        row(html, "Objection to profiling", receipt.objected() ? "yes: no profiling or marketing" : "no");
        row(html, "Restriction of processing", receipt.restricted() ? "yes: your data is kept but not used" : "no");
        row(html, "Ledger entry", "#" + receipt.sequence());
        html.append("<tr><th>Entry hash</th><td><code>").append(ExportPage.escape(receipt.entryHash()))
                .append("</code></td></tr></table><h2>The notice you were shown</h2>");
        if (receipt.noticeText() == null) {
            html.append("<p>The shop did not send the notice text with your answer.</p>");
        } else {
            html.append("<blockquote>").append(ExportPage.escape(receipt.noticeText())).append("</blockquote>")
                    .append("<p>SHA-256 of the text: <code>").append(ExportPage.escape(receipt.noticeHash()))
                    .append("</code></p>");
        }
        return html.append("</body></html>").toString();
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(label).append("</th><td>")
                .append(ExportPage.escape(value == null ? "(none)" : value)).append("</td></tr>");
    }

    private static String names(Set<Purpose> purposes) {
        return purposes.isEmpty() ? "nothing"
                : purposes.stream().map(Purpose::wireName).sorted().collect(Collectors.joining(", "));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
