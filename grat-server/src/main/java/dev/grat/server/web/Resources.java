package dev.grat.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reading web files from the class path, and their content types. */
final class Resources {

    private Resources() {
    }

    /** The bytes of a class path resource; a missing one is a broken build, so it fails loudly. */
    static byte[] read(String path) {
        try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the web file " + path + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web file " + path, e);
        }
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "json" -> "application/json; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> "application/octet-stream";
        };
    }
}
