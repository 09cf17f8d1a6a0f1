package dev.grat.eval.bandit;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The synthetic OBD fixture under src/test/resources/obd (see its README). */
final class Fixtures {

    static final double TRUE_BTS_VALUE = 0.225;
    static final double TRUE_UNIFORM_VALUE = 0.1125;

    private Fixtures() {
    }

    static Path obd() {
        try {
            return Path.of(Fixtures.class.getResource("/obd/README.md").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
