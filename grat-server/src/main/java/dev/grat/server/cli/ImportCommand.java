package dev.grat.server.cli;

import dev.grat.Grat;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.importer.Importer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code grat import}: loads a catalog file and/or an events file into the data directory. */
final class ImportCommand {

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    ImportCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        Arguments arguments = Arguments.parse("import", args, List.of("--data", "--config", "--synchronous",
                "--max-batch-size", "--catalog", "--events"));
        Optional<Path> catalog = arguments.path("--catalog");
        Optional<Path> events = arguments.path("--events");
        if (catalog.isEmpty() && events.isEmpty()) {
            throw new UsageException("import needs --catalog FILE, --events FILE or both");
        }
        ServerConfig config = CommandLineConfig.load(arguments, ServerConfig.builder().build(), environment);
        try (Grat grat = Engines.open(config)) {
            Importer importer = new Importer(grat, err);
            // The catalog goes first, so that events are counted against the products they name.
            catalog.ifPresent(file -> print("catalog", file, importer.importCatalog(file)));
            events.ifPresent(file -> print("events", file, importer.importEvents(file)));
        }
        return 0;
    }

    private void print(String what, Path file, Importer.ImportReport report) {
        out.println("grat: " + what + " from " + file + ": " + report.read() + " read, " + report.accepted()
                + " accepted, " + report.rejected() + " rejected");
        report.firstErrors().forEach(error -> out.println("grat:   " + error));
        if (report.rejected() > report.firstErrors().size()) {
            out.println("grat:   ... and " + (report.rejected() - report.firstErrors().size()) + " more rejected");
        }
    }
}
