package dev.grat.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.grat.consent.LedgerVerification;
import dev.grat.consent.LedgerVerifier;
import dev.grat.server.config.ServerConfig;
import dev.grat.server.json.ConsentWire;
import dev.grat.server.json.WireFormat;
import dev.grat.store.Store;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code grat consent verify [--data DIR | --store URL] [--json]}: recomputes the consent ledger's hash chain,
 * the same check as {@code GET /v1/consent/ledger/verify}. It opens only the store (no engine, no replay); an
 * embedded data directory must not be in use by a running server, a PostgreSQL store may be.
 */
final class ConsentCommand {

    static final String USAGE = "./grat consent verify [--data DIR | --store URL] [--json]";
    private static final String JSON_SWITCH = "--json";

    private final Map<String, String> environment;
    private final PrintStream out;

    ConsentCommand(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    /** Exit code {@link Main#OK} when the chain is intact, {@link Main#FAILED} when it is broken. */
    int run(List<String> args) {
        if (args.isEmpty() || !args.getFirst().equals("verify")) {
            throw new UsageException("consent needs the subcommand verify: " + USAGE);
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        boolean json = rest.remove(JSON_SWITCH);
        Arguments arguments = Arguments.parse("consent verify", rest, List.of("--data", "--store", "--config"));
        ServerConfig config = CommandLineConfig.load(arguments, ServerConfig.builder().build(), environment);
        LedgerVerification verification;
        try (Store store = Engines.openStore(config)) {
            verification = LedgerVerifier.verify(store.consents());
        }
        if (json) {
            printJson(verification);
        } else {
            print(verification);
        }
        return verification.valid() ? Main.OK : Main.FAILED;
    }

    private void print(LedgerVerification verification) {
        out.println("consent ledger: " + verification.entriesChecked() + " entries checked, "
                + verification.tombstones() + " of them tombstones of erased visitors");
        out.println("head hash: " + verification.headHash());
        verification.firstBreak().ifPresentOrElse(
                broken -> out.println("BROKEN at entry " + broken.sequence() + ": " + broken.problem().wireName()
                        + ": " + broken.detail()),
                () -> out.println("valid: every entry hashes to its stored hash and links to the one before"));
    }

    private void printJson(LedgerVerification verification) {
        var mapper = WireFormat.defaultMapper();
        try {
            out.println(mapper.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(new ConsentWire(mapper).toJson(verification)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
