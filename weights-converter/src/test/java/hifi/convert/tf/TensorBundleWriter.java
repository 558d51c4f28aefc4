package hifi.convert.tf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Test helper: writes a TensorFlow tensor bundle ({@code prefix.index} SSTable + {@code prefix.data-00000-of-00001})
 * from scratch, following the format description in {@link SSTable} and {@link TensorBundle}: prefix-compressed keys
 * with restart points, several data blocks, an index block, block trailers with masked crc32c, and the footer magic.
 */
final class TensorBundleWriter {
    private record Tensor(int dtype, long[] shape, byte[] bytes) {
    }

    private final Map<String, Tensor> tensors = new TreeMap<>();
    private int entriesPerBlock = 5;

    TensorBundleWriter putFloats(String name, float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        tensors.put(name, new Tensor(BundleEntry.DT_FLOAT, shape, b.array()));
        return this;
    }

    TensorBundleWriter putInt64(String name, long value) {
        tensors.put(name, new Tensor(9, new long[0], ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array()));
        return this;
    }

    /** Writes {@code dir/prefix.index} and {@code dir/prefix.data-00000-of-00001}. */
    void write(Path dir, String prefix) throws IOException {
        Files.createDirectories(dir);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        TreeMap<String, byte[]> entries = new TreeMap<>();
        entries.put("", header());
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            entries.put(e.getKey(), entry(t, data.size()));
            data.write(t.bytes);
        }
        Files.write(dir.resolve(prefix + ".data-00000-of-00001"), data.toByteArray());
        Files.write(dir.resolve(prefix + ".index"), table(entries));
    }

    private static byte[] header() {
        Proto p = new Proto();
        p.varint(1, 1);
        p.varint(2, 0);
        Proto version = new Proto();
        version.varint(1, 1);
        p.bytes(3, version.toBytes());
        return p.toBytes();
    }

    private static byte[] entry(Tensor t, long offset) {
        Proto shape = new Proto();
        for (long d : t.shape) {
            Proto dim = new Proto();
            dim.varint(1, d);
            shape.bytes(2, dim.toBytes());
        }
        Proto p = new Proto();
        p.varint(1, t.dtype);
        p.bytes(2, shape.toBytes());
        if (offset > 0) p.varint(4, offset);
        p.varint(5, t.bytes.length);
        CRC32C crc = new CRC32C();
        crc.update(t.bytes);
        p.fixed32(6, TensorBundle.mask((int) crc.getValue()));
        return p.toBytes();
    }

    private byte[] table(TreeMap<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<Map.Entry<String, byte[]>> list = new ArrayList<>(entries.entrySet());
        TreeMap<String, byte[]> index = new TreeMap<>();
        for (int start = 0; start < list.size(); start += entriesPerBlock) {
            List<Map.Entry<String, byte[]>> chunk = list.subList(start, Math.min(list.size(), start + entriesPerBlock));
            long offset = file.size();
            byte[] block = block(chunk);
            writeBlock(file, block);
            index.put(chunk.getLast().getKey(), handle(offset, block.length));
        }
        long metaOffset = file.size();
        byte[] meta = block(List.of());
        writeBlock(file, meta);
        long indexOffset = file.size();
        byte[] indexBlock = block(new ArrayList<>(index.entrySet()));
        writeBlock(file, indexBlock);
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        footer.write(handle(metaOffset, meta.length));
        footer.write(handle(indexOffset, indexBlock.length));
        footer.write(new byte[40 - footer.size()]);
        footer.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(SSTable.MAGIC).array());
        file.write(footer.toByteArray());
        return file.toByteArray();
    }

    /** Entries with prefix compression, a restart point every 3 entries, the restart array and its count. */
    private static byte[] block(List<Map.Entry<String, byte[]>> entries) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        List<Integer> restarts = new ArrayList<>();
        byte[] previous = new byte[0];
        for (int i = 0; i < entries.size(); i++) {
            byte[] key = entries.get(i).getKey().getBytes(StandardCharsets.UTF_8);
            int shared = 0;
            if (i % 3 == 0) restarts.add(b.size());
            else while (shared < Math.min(key.length, previous.length) && key[shared] == previous[shared]) shared++;
            byte[] value = entries.get(i).getValue();
            Proto.writeVarint(b, shared);
            Proto.writeVarint(b, key.length - shared);
            Proto.writeVarint(b, value.length);
            b.write(key, shared, key.length - shared);
            b.write(value);
            previous = key;
        }
        if (restarts.isEmpty()) restarts.add(0);
        ByteBuffer tail = ByteBuffer.allocate(4 * restarts.size() + 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int r : restarts) tail.putInt(r);
        tail.putInt(restarts.size());
        b.write(tail.array());
        return b.toByteArray();
    }

    private static void writeBlock(ByteArrayOutputStream file, byte[] block) throws IOException {
        file.write(block);
        CRC32C crc = new CRC32C();
        crc.update(block);
        crc.update(0);
        file.write(0);
        file.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(TensorBundle.mask((int) crc.getValue())).array());
    }

    private static byte[] handle(long offset, long size) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Proto.writeVarint(b, offset);
        Proto.writeVarint(b, size);
        return b.toByteArray();
    }

    /** Minimal protobuf encoder. */
    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long v) {
            writeVarint(out, (long) field << 3);
            writeVarint(out, v);
        }

        void fixed32(int field, int v) {
            writeVarint(out, ((long) field << 3) | 5);
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        }

        void bytes(int field, byte[] b) {
            writeVarint(out, ((long) field << 3) | 2);
            writeVarint(out, b.length);
            out.writeBytes(b);
        }

        byte[] toBytes() {
            return out.toByteArray();
        }

        static void writeVarint(ByteArrayOutputStream out, long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
