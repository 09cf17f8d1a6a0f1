package dev.grat.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal: the child JVM of {@code ./grat bench load}, started by {@link GeneratorProcess}; not a command of its own.
 * Arguments: {@code --uris URI[,URI] --run RUN --acknowledged FILE} and then the generator's flags of
 * {@link LoadOptions#generatorFlags()}; the secret key in the environment variable
 * GRAT_LOAD_SECRET_KEY. It rebuilds the workload and the numbering of the batches from the seed and
 * the run id, drives the load ({@link LoadGenerator}), prints the RESULT lines of its streams and writes the indices
 * of the acknowledged event requests to FILE. Exit status 0 done, 1 failed, 2 bad arguments.
 */
public final class LoadGeneratorMain {

    /** The child's own flags, before the generator's. */
    private static final List<String> OWN_FLAGS = List.of("--uris", "--run", "--acknowledged");

    private LoadGeneratorMain() {
    }

    public static void main(String[] args) {
        exitWithParent();
        int status = run(List.of(args), System.getenv(GeneratorProcess.KEY_VARIABLE), System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    static int run(List<String> args, String key, PrintStream out, PrintStream err) {
        Map<String, String> own = new HashMap<>();
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (OWN_FLAGS.contains(args.get(i)) && i + 1 < args.size()) {
                own.put(args.get(i), args.get(++i));
            } else {
                flags.add(args.get(i));
            }
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(flags);
            if (!own.keySet().containsAll(OWN_FLAGS) || key == null || key.isBlank()) {
                throw new IllegalArgumentException("needs " + String.join(", ", OWN_FLAGS) + " and the key in "
                        + GeneratorProcess.KEY_VARIABLE);
            }
        } catch (IllegalArgumentException e) {
            err.println("grat bench load generator: " + e.getMessage());
            return 2;
        }
        try {
            List<URI> nodes = Arrays.stream(own.get("--uris").split(",")).map(URI::create).toList();
            Workload workload = new Workload(options.items(), options.visitors(), options.seed());
            LoadGenerator.run(workload, nodes, key, own.get("--run"), options, out)
                    .writeTo(Path.of(own.get("--acknowledged")));
            return 0;
        } catch (RuntimeException e) {
            e.printStackTrace(err);
            err.println("grat bench load generator: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The parent holds this JVM's standard input open and never writes to it: its end means the parent is gone, and
     * the load must stop with it.
     */
    private static void exitWithParent() {
        Thread.ofPlatform().daemon().name("parent-watch").start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Nothing is ever sent; read until the end.
                }
            } catch (IOException e) {
                // Gone as well.
            }
            System.err.println("grat bench load generator: the parent JVM is gone; stopping");
            Runtime.getRuntime().halt(3);
        });
    }
}
