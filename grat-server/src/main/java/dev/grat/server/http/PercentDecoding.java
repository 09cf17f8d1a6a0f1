package dev.grat.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Decodes percent-encoded URL parts as UTF-8; malformed escapes are a 400. */
final class PercentDecoding {

    private PercentDecoding() {
    }

    /**
     * @param plusIsSpace true for query strings (form encoding), false for path segments, where {@code +} is a plus
     */
    static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw HttpError.badRequest("malformed percent-encoding in the URL");
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw HttpError.badRequest("malformed percent-encoding in the URL");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                int codePoint = raw.codePointAt(i);
                byte[] encoded = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
