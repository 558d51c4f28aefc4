package hifi.convert.source;

import hifi.engine.io.ModelFormatException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code group:artifact:version} to the jar in the local Maven repository ({@code -Dmaven.repo.local} or
 * {@code ~/.m2/repository}), so a source can be named as a Maven artifact. Nothing is downloaded: fetch the artifact
 * first, e.g. {@code mvn dependency:get -Dartifact=group:artifact:version -Dtransitive=false}.
 */
public final class MavenCoordinates {
    private static final Pattern GAV = Pattern.compile("([\\w.-]+):([\\w.-]+):([\\w.-]+)");

    private MavenCoordinates() {
    }

    /** Whether {@code text} looks like {@code group:artifact:version}. */
    public static boolean looksLikeCoordinates(String text) {
        return GAV.matcher(text).matches();
    }

    /** The jar of {@code group:artifact:version} in the local repository; an error says how to fetch it if absent. */
    public static Path resolve(String coordinates) {
        Matcher m = GAV.matcher(coordinates);
        if (!m.matches()) throw new IllegalArgumentException("not group:artifact:version: " + coordinates);
        String repo = System.getProperty("maven.repo.local", Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        Path jar = Path.of(repo, m.group(1).replace('.', '/'), m.group(2), m.group(3), m.group(2) + "-" + m.group(3) + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new ModelFormatException(jar, "artifact " + coordinates + " is not in the local Maven repository; fetch it with "
                    + "mvn dependency:get -Dartifact=" + coordinates + " -Dtransitive=false");
        }
        return jar;
    }
}
