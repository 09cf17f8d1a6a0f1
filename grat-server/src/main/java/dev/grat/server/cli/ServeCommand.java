package dev.grat.server.cli;

import dev.grat.Grat;
import dev.grat.server.config.ConfigException;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.http.GratServer;
import dev.grat.server.log.JsonLog;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code grat serve}: the HTTP API on the embedded store, until the process is stopped. */
final class ServeCommand {

    private final Map<String, String> environment;
    private final PrintStream out;

    ServeCommand(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    int run(List<String> args) {
        Arguments arguments = Arguments.parse("serve", args, CommandLineConfig.flagsWith());
        ServerConfig config = CommandLineConfig.load(arguments, ServerConfig.builder().build(), environment);
        List<String> problems = config.problemsForServing();
        if (!problems.isEmpty()) {
            throw new ConfigException("cannot serve: " + String.join("; ", problems));
        }
        JsonLog log = JsonLog.toStandardError(config.logLevel());
        log.info("config", Map.of("settings", config.describe()));
        Grat grat = Engines.open(config);
        ClusterWiring.replicationWarning(config).ifPresent(warning -> log.warn("kafka_replication_below_production",
                Map.of("replicas", config.requiredReplicas(), "minInSync", config.requiredMinInSync(),
                        "message", warning)));
        GratServer server;
        try {
            server = GratServer.start(grat, config, log);
        } catch (RuntimeException e) {
            grat.close();
            throw e;
        }
        out.println("grat: listening on http://localhost:" + server.port());
        out.flush();
        UntilStopped.await(List.of(server, grat));
        return 0;
    }
}
