package dev.grat.server.cli;

import dev.grat.server.config.ConfigLoader;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.config.Setting;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The flags that set {@link ServerConfig} values, and loading the config from file, environment and flags. */
final class CommandLineConfig {

    static final String CONFIG_FLAG = "--config";

    private CommandLineConfig() {
    }

    /** Every setting flag, {@code --config}, and the command's own flags. */
    static List<String> flagsWith(String... commandFlags) {
        List<String> flags = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            setting.flag().ifPresent(flags::add);
        }
        flags.add(CONFIG_FLAG);
        flags.addAll(List.of(commandFlags));
        return flags;
    }

    static ServerConfig load(Arguments arguments, ServerConfig start, Map<String, String> environment) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            setting.flag().flatMap(arguments::get).ifPresent(value -> flags.put(setting, value));
        }
        return ConfigLoader.load(start, arguments.path(CONFIG_FLAG).orElse(null), environment, flags);
    }
}
