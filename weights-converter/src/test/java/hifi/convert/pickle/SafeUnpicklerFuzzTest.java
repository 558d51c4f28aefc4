package hifi.convert.pickle;

import hifi.engine.io.ModelFormatException;
import hifi.engine.io.Mutations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipFile;

import static hifi.convert.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random mutation of a real state-dict pickle (torch.save's data.pkl): the unpickler either returns a value or
 * throws {@link ModelFormatException}; nothing else escapes, and no mutation makes it accept a global outside the
 * allow-list.
 */
class SafeUnpicklerFuzzTest {
    private static final int CASES = 5_000;

    @Test
    void mutatedPicklesFailOnlyWithModelFormatException() throws IOException {
        Path bin = fixture("tiny-pt/pytorch_model.bin");
        byte[] original;
        try (ZipFile z = new ZipFile(bin.toFile())) {
            var entry = z.stream().filter(e -> e.getName().endsWith("data.pkl")).findFirst().orElseThrow();
            original = z.getInputStream(entry).readAllBytes();
        }
        Random random = new Random(4242);
        int accepted = 0;
        for (int c = 0; c < CASES; c++) {
            byte[] mutated = Mutations.mutate(original, random, 16);
            try {
                SafeUnpickler.load(bin, mutated);
                accepted++;
            } catch (ModelFormatException expected) {
                assertTrue(expected.getMessage().startsWith(bin.toString()), expected.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                fail("case " + c + " escaped with " + e, e);
            }
        }
        assertTrue(accepted > 0 && accepted < CASES, "mutations should both pass and fail (accepted " + accepted + ")");
    }

    /** The same for whole checkpoints (zip container, pickle and storages): a ModelFormatException or nothing. */
    @Test
    void mutatedCheckpointFilesFailOnlyWithModelFormatException(@TempDir Path dir) throws IOException {
        byte[] original = Files.readAllBytes(fixture("tiny-pt/pytorch_model.bin"));
        Path file = dir.resolve("pytorch_model.bin");
        Random random = new Random(77);
        for (int c = 0; c < 500; c++) {
            Files.write(file, Mutations.mutate(original, random, 64));
            try {
                TorchCheckpointReader.read(file);
            } catch (ModelFormatException expected) {
                assertTrue(expected.getMessage().startsWith(file.toString()), expected.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                fail("case " + c + " escaped with " + e, e);
            }
        }
    }
}
