package hifi.glue.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** {@code hifi --version}: the Maven project version, written into {@code version.properties} when the jar is built. */
final class ProjectVersion implements IVersionProvider {
    static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"hifi " + version() + " (Java " + Runtime.version() + ")"};
    }

    /** The version from the build, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String version() {
        try (InputStream in = ProjectVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the class path (a build without resources?)");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
