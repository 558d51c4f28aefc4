package hifi.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a safetensors file can be broken gets an error that names the file and, where it applies, the tensor. */
class SafetensorsValidationTest {
    @TempDir
    Path dir;

    private static final String ONE = "{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    private ModelFormatException failure(String json, int dataBytes) throws IOException {
        Path f = SafetensorsBytes.save(dir.resolve("bad.safetensors"), json, dataBytes);
        return failure(f);
    }

    private static ModelFormatException failure(Path f) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafetensorsFile.open(f).close());
        assertTrue(e.getMessage().contains(f.toString()), "message names the file: " + e.getMessage());
        return e;
    }

    private static void assertNames(ModelFormatException e, String tensor, String fragment) {
        assertEquals(tensor, e.tensor(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void validFileOpens() throws IOException {
        Path f = SafetensorsBytes.save(dir.resolve("ok.safetensors"), ONE, 8);
        try (SafetensorsFile sf = SafetensorsFile.open(f)) {
            assertEquals(2, sf.readFloats("t").length);
        }
    }

    @Test
    void fileShorterThanLengthPrefix() throws IOException {
        Path f = dir.resolve("short.safetensors");
        Files.write(f, new byte[] {1, 2, 3});
        assertNames(failure(f), null, "truncated");
        Files.write(f, new byte[0]);
        assertNames(failure(f), null, "truncated");
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        Path f = dir.resolve("long.safetensors");
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1000);
        Files.write(f, b.array());
        assertNames(failure(f), null, "reaches past the end");
    }

    @Test
    void insaneHeaderLength() throws IOException {
        Path f = dir.resolve("neg.safetensors");
        Files.write(f, ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(-5).array());
        assertNames(failure(f), null, "not sane");
        Files.write(f, ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(SafetensorsFile.MAX_HEADER_BYTES + 1).array());
        assertNames(failure(f), null, "not sane");
    }

    @Test
    void truncatedData() throws IOException {
        assertNames(failure(ONE, 5), "t", "reach past the data region");
    }

    @Test
    void malformedJson() throws IOException {
        assertNames(failure("{\"t\":{\"dtype\":\"F32\",", 0), null, "not valid JSON");
        assertNames(failure("[1,2]", 0), null, "not valid JSON");
    }

    @Test
    void invalidUtf8() throws IOException {
        Path f = dir.resolve("utf.safetensors");
        ByteBuffer b = ByteBuffer.allocate(8 + 4).order(ByteOrder.LITTLE_ENDIAN).putLong(4).put(new byte[] {'{', (byte) 0xC3, '}', ' '});
        Files.write(f, b.array());
        assertNames(failure(f), null, "UTF-8");
    }

    @Test
    void unknownDtype() throws IOException {
        assertNames(failure("{\"t\":{\"dtype\":\"F8_E9\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "t", "unknown dtype \"F8_E9\"");
    }

    @Test
    void shapeNotMatchingByteRange() throws IOException {
        assertNames(failure("{\"t\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "t", "needs 12 bytes");
        assertNames(failure("{\"t\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "t", "needs 4 bytes");
    }

    @Test
    void hugeShapeOverflows() throws IOException {
        assertNames(failure("{\"t\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,8]}}", 8), "t", "overflows");
    }

    @Test
    void offsetsBackwardsNegativeOrOutOfRange() throws IOException {
        assertNames(failure("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8), "t", "backwards");
        assertNames(failure("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-8,0]}}", 8), "t", "non-negative");
        assertNames(failure("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 8), "t", "past the data region");
        assertNames(failure("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8,9]}}", 8), "t", "must have 2 entries");
        assertNames(failure("{\"t\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}", 8), "t", "non-negative integers");
    }

    @Test
    void overlappingTensors() throws IOException {
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertNames(failure(json, 12), "b", "overlap tensor \"a\"");
    }

    @Test
    void gapsAndTrailingBytes() throws IOException {
        String gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertNames(failure(gap, 12), "b", "gap of 4");
        assertNames(failure(ONE, 12), null, "trailing bytes");
    }

    @Test
    void duplicateTensorNames() throws IOException {
        String json = "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertNames(failure(json, 8), null, "duplicate key \"t\"");
    }

    @Test
    void badEntryStructure() throws IOException {
        assertNames(failure("{\"t\":[1]}", 0), "t", "must be an object");
        assertNames(failure("{\"t\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "t", "dtype");
        assertNames(failure("{\"t\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8), "t", "\"shape\"");
        assertNames(failure("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1}}", 8), "t", "unexpected header field");
        assertNames(failure("{\"__metadata__\":{\"k\":1}}", 0), null, "must be a string");
        assertNames(failure("{\"__metadata__\":[]}", 0), null, "__metadata__");
    }

    @Test
    void readingTheWrongKind() throws IOException {
        Path f = dir.resolve("ids.safetensors");
        new SafetensorsWriter().putLongs("ids", new long[] {1L << 40}, 1).putFloats("x", new float[] {1}, 1).write(f);
        try (SafetensorsFile sf = SafetensorsFile.open(f)) {
            assertNames(assertThrows(ModelFormatException.class, () -> sf.readFloats("ids")), "ids", "cannot be read as floats");
            assertNames(assertThrows(ModelFormatException.class, () -> sf.readLongs("x")), "x", "cannot be read as integers");
            assertNames(assertThrows(ModelFormatException.class, () -> sf.readInts("ids")), "ids", "overflows int");
            assertNames(assertThrows(ModelFormatException.class, () -> sf.info("nope")), "nope", "no such tensor");
        }
    }
}
