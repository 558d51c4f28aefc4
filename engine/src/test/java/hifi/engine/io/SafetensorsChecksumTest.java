package hifi.engine.io;

import hifi.engine.testing.Damage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsChecksumTest {
    @TempDir
    Path dir;

    static final float[] WEIGHT = {0.011f, -0.25f, 0.5f, 0.0625f, -0.03f, 0.7f};

    private Path write(String name, boolean checksums) throws IOException {
        Path file = dir.resolve(name);
        SafetensorsWriter w = new SafetensorsWriter().putFloats("encoder.weight", WEIGHT, 2, 3)
                .putFloats("encoder.bias", new float[] {1f, 2f, 3f}, 3).putLongs("ids", new long[] {7, 8}, 2)
                .metadata("format", "pt").metadata("step", "20");
        (checksums ? w.withChecksums() : w).write(file);
        return file;
    }

    @Test
    void crc32cMatchesTheStandardCheckValue() {
        // The CRC-32C (Castagnoli) check value of the ASCII digits "123456789" is 0xE3069283 (RFC 3720, B.4).
        assertEquals("e3069283", TensorChecksums.crc32c(MemorySegment.ofArray("123456789".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void aChecksummedFileRecordsEveryTensorAndVerifies() throws IOException {
        Path file = write("m.safetensors", true);
        try (SafetensorsFile f = SafetensorsFile.openVerified(file)) {
            assertTrue(f.verify());
            for (String n : List.of("encoder.weight", "encoder.bias", "ids")) {
                assertTrue(f.metadata().get(TensorChecksums.TENSOR_PREFIX + n).matches("[0-9a-f]{8}"), n);
            }
            assertTrue(f.metadata().get(TensorChecksums.HEADER_KEY).matches("[0-9a-f]{8}"));
            assertEquals("pt", f.metadata().get("format"));
            assertArrayEquals(WEIGHT, f.readFloats("encoder.weight"));
            assertArrayEquals(new long[] {7, 8}, f.readLongs("ids"));
            // the recorded value is the CRC32C of the tensor's stored bytes
            assertEquals(TensorChecksums.crc32c(f.bytes("encoder.bias")), f.metadata().get(TensorChecksums.TENSOR_PREFIX + "encoder.bias"));
        }
    }

    @Test
    void checksumsChangeOnlyTheMetadata() throws IOException {
        Path plain = write("plain.safetensors", false), summed = write("summed.safetensors", true);
        try (SafetensorsFile a = SafetensorsFile.open(plain); SafetensorsFile b = SafetensorsFile.open(summed)) {
            assertEquals(a.names(), b.names());
            for (String n : a.names()) {
                assertEquals(a.info(n).begin(), b.info(n).begin(), n);
                assertArrayEquals(a.bytes(n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), b.bytes(n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), n);
            }
            assertFalse(a.verify(), "a file without checksums cannot be verified");
        }
        // a file written before checksums existed still opens
        try (SafetensorsFile f = SafetensorsFile.openVerified(plain)) {
            assertArrayEquals(WEIGHT, f.readFloats("encoder.weight"));
        }
    }

    @ParameterizedTest
    @EnumSource(Damage.Kind.class)
    void damageIsCaughtNamingTheFileAndTheTensor(Damage.Kind kind) throws IOException {
        Path file = write("damaged.safetensors", true);
        Damage.inject(file, kind, "encoder.weight");
        byte[] before = Files.readAllBytes(file);
        var e = assertThrows(ModelFormatException.class, () -> SafetensorsFile.openVerified(file).close());
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        switch (kind) {
            case DATA_BYTE, EXPONENT_BIT -> {
                assertEquals("encoder.weight", e.tensor());
                assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
            }
            case HEADER_BYTE -> assertTrue(e.getMessage().contains("header checksum mismatch"), e.getMessage());
            case TRUNCATED -> assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(file), "reading leaves the file as it was");
    }

    @Test
    void aChangedMetadataValueIsCaughtByTheHeaderChecksum() throws IOException {
        Path file = write("meta.safetensors", true);
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"step\":\"20\"") + "\"step\":\"2".length();
        bytes[at] = '8';
        Files.write(file, bytes);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals("28", f.metadata().get("step"), "the header still parses");
            var e = assertThrows(ModelFormatException.class, f::verify);
            assertTrue(e.getMessage().contains("header checksum mismatch"), e.getMessage());
        }
    }

    @Test
    void aModelDirectoryRecordsChecksumsAndRefusesDamagedWeights() throws IOException {
        Path model = dir.resolve("model");
        SafetensorsWriter w = new SafetensorsWriter().putFloats("embeddings.weight", WEIGHT, 3, 2);
        ModelDirectory.write(model, false, Map.of("model_type", "bert"), w, List.of("[PAD]"), ModelDirectory.tokenizerConfig(true, 8));
        ModelDirectory md = ModelDirectory.open(model);
        try (SafetensorsFile f = md.openWeights()) {
            assertTrue(f.verify());
        }
        Damage.inject(md.weightsPath(), Damage.Kind.EXPONENT_BIT, "embeddings.weight");
        var e = assertThrows(ModelFormatException.class, () -> md.openWeights().close());
        assertEquals("embeddings.weight", e.tensor());
        assertEquals(md.weightsPath().toString(), e.file());
    }
}
