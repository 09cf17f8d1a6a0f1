package dev.grat.server.metrics;

import java.util.List;

/** Writes the Prometheus text exposition format (version 0.0.4). */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder text = new StringBuilder(4096);

    /** Starts a metric family with its help text and type ({@code counter}, {@code gauge}, {@code histogram}). */
    PrometheusText family(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    PrometheusText sample(String name, List<String> labelNames, List<String> labelValues, double value) {
        text.append(name);
        if (!labelNames.isEmpty()) {
            text.append('{');
            for (int i = 0; i < labelNames.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(labelNames.get(i)).append("=\"").append(escape(labelValues.get(i))).append('"');
            }
            text.append('}');
        }
        text.append(' ').append(format(value)).append('\n');
        return this;
    }

    PrometheusText sample(String name, double value) {
        return sample(name, List.of(), List.of(), value);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    static String format(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
