package hifi.engine.testing;

import hifi.engine.io.SafetensorsFile;
import hifi.engine.io.TensorInfo;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Fault injection for safetensors files, as storage or a careless hand damages them: a flipped byte in a tensor's
 * data, one flipped exponent bit of a weight, a changed character in the header, a truncated file; and a fingerprint
 * of a folder (SHA-256 of every file) to show that a refused file left everything as it was.
 */
public final class Damage {
    /** The kinds of damage the tests inject. */
    public enum Kind { DATA_BYTE, EXPONENT_BIT, HEADER_BYTE, TRUNCATED }

    private Damage() {
    }

    /** Injects {@code kind} into {@code file}; {@code tensor} is the tensor whose data or header entry is hit. */
    public static void inject(Path file, Kind kind, String tensor) throws IOException {
        switch (kind) {
            case DATA_BYTE -> xorAt(file, dataOffset(file, tensor) + tensorBytes(file, tensor) / 2, 0xFF);
            case EXPONENT_BIT -> xorAt(file, dataOffset(file, tensor) + (tensorBytes(file, tensor) / 8) * 4 + 3, 0x40);
            case HEADER_BYTE -> changeNameInHeader(file, tensor);
            case TRUNCATED -> truncate(file, 4);
        }
    }

    /** Flips every bit of {@code count} bytes from {@code offset}. */
    public static void flipBytes(Path file, long offset, int count) throws IOException {
        for (int i = 0; i < count; i++) xorAt(file, offset + i, 0xFF);
    }

    /** The file offset where {@code tensor}'s bytes begin. */
    public static long dataOffset(Path file, String tensor) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return 8 + headerLength(file) + f.info(tensor).begin();
        }
    }

    private static long tensorBytes(Path file, String tensor) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            TensorInfo t = f.info(tensor);
            if (t.byteSize() < 4) throw new IllegalArgumentException(tensor + " is too small to damage");
            return t.byteSize();
        }
    }

    private static long headerLength(Path file) throws IOException {
        byte[] prefix = new byte[8];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.readFully(prefix);
        }
        return ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /**
     * Changes the last character of {@code tensor}'s name where the header spells it as a key (the JSON stays valid:
     * the file now names a tensor that was never written).
     */
    private static void changeNameInHeader(Path file, String tensor) throws IOException {
        byte[] header = new byte[(int) headerLength(file)];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(8);
            raf.readFully(header);
        }
        String text = new String(header, StandardCharsets.UTF_8);
        int at = text.indexOf("\"" + tensor + "\":{\"dtype\"");
        if (at < 0) throw new IllegalArgumentException(tensor + " is not a key of " + file + "'s header");
        long offset = 8 + text.substring(0, at + tensor.length()).getBytes(StandardCharsets.UTF_8).length;
        xorAt(file, offset, 0x01);
    }

    private static void truncate(Path file, int bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - bytes);
        }
    }

    private static void xorAt(Path file, long offset, int mask) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ mask);
        }
    }

    /** Every regular file under {@code root} (relative path) with the SHA-256 of its bytes. */
    public static Map<String, String> fingerprint(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) out.put(root.relativize(p).toString(), sha256(p));
        }
        return out;
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
