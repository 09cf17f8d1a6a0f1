package dev.grat.server.http;

import java.io.IOException;

/** Answers one request of a route. Errors are thrown and rendered in one place, {@link ErrorResponses}. */
@FunctionalInterface
interface Handler {

    Response handle(Request request) throws IOException;
}
