package hifi.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random mutation of a valid file (byte flips, insertions, deletions, truncation, length-prefix changes):
 * parsing either succeeds, and then every tensor reads, or fails with {@link ModelFormatException}. Nothing else may
 * escape. Mutations are parsed in memory through the same code path as a mapped file, so thousands of cases run in
 * well under a second.
 */
class SafetensorsFuzzTest {
    private static final int CASES = 20_000;

    @TempDir
    Path dir;

    @Test
    void mutatedFilesFailOnlyWithModelFormatException() throws IOException {
        Path valid = dir.resolve("valid.safetensors");
        new SafetensorsWriter()
                .putFloats("encoder.layer.0.attention.self.query.weight", new float[] {1, 2, 3, 4, 5, 6}, 2, 3)
                .putFloats("encoder.layer.0.attention.self.query.bias", new float[] {1, 2}, 2)
                .putLongs("ids", new long[] {7, 8}, 2)
                .putInts("mask", new int[] {1, 0}, 1, 2)
                .metadata("format", "pt")
                .write(valid);
        byte[] original = Files.readAllBytes(valid);
        Random random = new Random(20261126L);
        int accepted = 0;
        for (int c = 0; c < CASES; c++) {
            byte[] mutated = Mutations.mutate(original, random, 8);
            try {
                SafetensorsHeader h = SafetensorsFile.parseHeader(valid, MemorySegment.ofArray(mutated));
                accepted++;
                long dataStart = 8 + ByteBuffer.wrap(mutated).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
                for (TensorInfo t : h.tensors().values()) {
                    assertTrue(dataStart + t.end() <= mutated.length, "accepted a range outside the file: " + t);
                }
            } catch (ModelFormatException expected) {
                assertTrue(expected.getMessage().startsWith(valid.toString()), expected.getMessage());
            } catch (RuntimeException | Error e) {
                fail("case " + c + " escaped with " + e, e);
            }
        }
        assertTrue(accepted > 0 && accepted < CASES, "mutations should both pass and fail (accepted " + accepted + ")");
    }
}
