package dev.grat.server.http;

/** One entry of the route table: method, path template, the key it needs, and its handler. */
record Route(String method, PathTemplate path, Access access, Handler handler) {

    static Route of(String method, String template, Access access, Handler handler) {
        return new Route(method, PathTemplate.of(template), access, handler);
    }

    /** The route's template, e.g. {@code /v1/privacy/{visitorId}}: the only form of a path that is logged. */
    String template() {
        return path.template();
    }
}
