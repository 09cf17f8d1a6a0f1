package dev.grat.server.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flags of one command, {@code --name value} or {@code --name=value}, read by hand. A flag the command does
 * not know, a flag without its value, a flag given twice or a stray word is a {@link UsageException}.
 */
final class Arguments {

    private final String command;
    private final Map<String, String> values;

    private Arguments(String command, Map<String, String> values) {
        this.command = command;
        this.values = values;
    }

    static Arguments parse(String command, List<String> args, List<String> knownFlags) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument \"" + arg + "\" for " + command
                        + "; flags start with --, see ./grat help");
            }
            int equals = arg.indexOf('=');
            String flag = equals < 0 ? arg : arg.substring(0, equals);
            if (!knownFlags.contains(flag)) {
                throw new UsageException("unknown flag " + flag + " for " + command + "; known flags: "
                        + String.join(", ", knownFlags));
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new UsageException(flag + " needs a value");
            }
            if (values.putIfAbsent(flag, value) != null) {
                throw new UsageException(flag + " is given more than once");
            }
        }
        return new Arguments(command, values);
    }

    Optional<String> get(String flag) {
        return Optional.ofNullable(values.get(flag));
    }

    Optional<Path> path(String flag) {
        return get(flag).map(value -> {
            if (value.isBlank()) {
                throw new UsageException(flag + " needs a path");
            }
            return Path.of(value);
        });
    }

    int integer(String flag, int defaultValue, int min) {
        Optional<String> value = get(flag);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get().trim());
            if (parsed < min) {
                throw new UsageException(flag + " must be at least " + min + ", was " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a whole number, was \"" + value.get() + "\"");
        }
    }

    long longValue(String flag, long defaultValue) {
        Optional<String> value = get(flag);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.get().trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a whole number, was \"" + value.get() + "\"");
        }
    }

    double positiveNumber(String flag, double defaultValue) {
        Optional<String> value = get(flag);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            double parsed = Double.parseDouble(value.get().trim());
            if (!(parsed > 0) || Double.isInfinite(parsed)) {
                throw new UsageException(flag + " must be a positive number, was " + value.get());
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a number, was \"" + value.get() + "\"");
        }
    }

    String command() {
        return command;
    }
}
