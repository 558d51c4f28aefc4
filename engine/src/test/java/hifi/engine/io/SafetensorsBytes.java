package hifi.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: assembles safetensors files by hand, including broken ones. */
final class SafetensorsBytes {
    private SafetensorsBytes() {
    }

    /** A buffer holding the length prefix and {@code json}, positioned at the start of {@code dataBytes} of data. */
    static ByteBuffer file(String json, int dataBytes) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h);
        return buf;
    }

    static Path save(Path file, ByteBuffer buf) throws IOException {
        Files.write(file, buf.array());
        return file;
    }

    static Path save(Path file, String json, int dataBytes) throws IOException {
        return save(file, file(json, dataBytes));
    }
}
