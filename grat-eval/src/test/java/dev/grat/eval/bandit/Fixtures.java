package dev.grat.eval.bandit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The synthetic OBD fixture under src/test/resources/obd (see its README), laid out as the Open Bandit Dataset
 * is. The logs are shipped as {@code log.synthetic.csv}, so that no file of the project carries the name of a
 * file of the real dataset, and copied to {@code <campaign>.csv} in a temporary folder for the reader.
 */
final class Fixtures {

    static final double TRUE_BTS_VALUE = 0.225;
    static final double TRUE_UNIFORM_VALUE = 0.1125;
    private static final String CAMPAIGN = "men";

    private Fixtures() {
    }

    static Path obd() {
        try {
            Path shipped = Path.of(Fixtures.class.getResource("/obd/README.md").toURI()).getParent();
            Path laidOut = Files.createTempDirectory("grat-obd-fixture");
            for (String policy : new String[] {"random", "bts"}) {
                Path from = shipped.resolve(policy).resolve(CAMPAIGN);
                Path to = Files.createDirectories(laidOut.resolve(policy).resolve(CAMPAIGN));
                Files.copy(from.resolve("item_context.csv"), to.resolve("item_context.csv"));
                Files.copy(from.resolve("log.synthetic.csv"), to.resolve(CAMPAIGN + ".csv"));
            }
            return laidOut;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
