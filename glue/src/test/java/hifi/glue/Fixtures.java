package hifi.glue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the committed test fixtures (see src/test/resources/README.md). */
public final class Fixtures {
    private Fixtures() {
    }

    /** A fixture folder or file on the test classpath; fails loudly if it is missing. */
    public static Path resource(String name) {
        URL url = Fixtures.class.getResource("/" + name);
        if (url == null) throw new IllegalStateException("test fixture missing from the classpath: " + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The miniature glue_data folder. */
    public static Path glueData() {
        return resource("glue_data");
    }
}
