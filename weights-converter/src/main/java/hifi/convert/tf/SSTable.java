package hifi.convert.tf;

import hifi.engine.io.ModelFormatException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A LevelDB table (SSTable), the format of a TensorFlow bundle's {@code .index} file, read in full into a sorted
 * key → value map. Only uncompressed blocks are supported (TensorFlow writes the index uncompressed).
 *
 * <p>Layout: data blocks, a meta-index block, an index block, then a 48-byte footer (two block handles, each a varint
 * offset and size, zero padding, and the magic {@code 0xdb4775248b80fb57} little-endian). A block is a run of entries
 * {@code shared, unshared, valueLength (varints), key suffix, value} (the key shares {@code shared} leading bytes with
 * the previous key), then {@code u32} restart offsets and their {@code u32} count, then a 5-byte trailer (compression
 * type, crc32c). The index block's values are the handles of the data blocks.
 */
public final class SSTable {
    static final long MAGIC = 0xdb4775248b80fb57L;
    private static final int FOOTER = 48;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final MemorySegment seg;

    private SSTable(Path file, MemorySegment seg) {
        this.file = file;
        this.seg = seg;
    }

    /** Reads all entries of the table in {@code seg}, in key order. Keys are UTF-8 strings; values are views. */
    public static Map<String, MemorySegment> read(Path file, MemorySegment seg) {
        return new SSTable(file, seg).entries();
    }

    private Map<String, MemorySegment> entries() {
        long size = seg.byteSize();
        if (size < FOOTER) throw error("truncated: " + size + " bytes, shorter than the 48-byte footer");
        if (seg.get(U64, size - 8) != MAGIC) throw error("bad magic number: not a LevelDB table");
        Cursor footer = new Cursor(seg.asSlice(size - FOOTER, FOOTER - 8), size - FOOTER);
        footer.varint(); // meta-index handle: unused
        footer.varint();
        long indexOffset = footer.varint();
        long indexSize = footer.varint();
        Map<String, MemorySegment> out = new LinkedHashMap<>();
        byte[] previousBlockLastKey = null;
        for (Map.Entry<byte[], MemorySegment> idx : block(indexOffset, indexSize).entrySet()) {
            Cursor handle = new Cursor(idx.getValue(), -1);
            Map<byte[], MemorySegment> data = block(handle.varint(), handle.varint());
            for (Map.Entry<byte[], MemorySegment> e : data.entrySet()) {
                if (previousBlockLastKey != null && Arrays.compareUnsigned(previousBlockLastKey, e.getKey()) >= 0) {
                    throw error("keys out of order at \"" + new String(e.getKey(), StandardCharsets.UTF_8) + "\"");
                }
                previousBlockLastKey = e.getKey();
                out.put(new String(e.getKey(), StandardCharsets.UTF_8), e.getValue());
            }
        }
        return out;
    }

    /** The entries of the block at {@code [offset, offset + size)} (trailer after it), keys as bytes, in order. */
    private Map<byte[], MemorySegment> block(long offset, long size) {
        if (offset < 0 || size < 4 || offset > seg.byteSize() - FOOTER || size > seg.byteSize() - FOOTER - offset - 5) {
            throw error("block handle [" + offset + ", +" + size + "] lies outside the file");
        }
        byte compression = seg.get(ValueLayout.JAVA_BYTE, offset + size);
        if (compression != 0) throw error("block at " + offset + " is compressed (type " + compression + "); only uncompressed tables are supported");
        MemorySegment b = seg.asSlice(offset, size);
        long restarts = Integer.toUnsignedLong(b.get(U32, size - 4));
        long entriesEnd = size - 4 - 4 * restarts;
        if (restarts > size / 4 || entriesEnd < 0) throw error("block at " + offset + " claims " + restarts + " restart points");
        Map<byte[], MemorySegment> out = new LinkedHashMap<>();
        Cursor c = new Cursor(b.asSlice(0, entriesEnd), offset);
        byte[] key = new byte[0];
        while (c.remaining() > 0) {
            long shared = c.varint();
            long unshared = c.varint();
            long valueLength = c.varint();
            if (shared > key.length || unshared > c.remaining() || valueLength > c.remaining() - unshared) {
                throw error("corrupt entry in block at " + offset);
            }
            byte[] next = Arrays.copyOf(key, (int) (shared + unshared));
            MemorySegment.copy(c.take(unshared), ValueLayout.JAVA_BYTE, 0, next, (int) shared, (int) unshared);
            if (!out.isEmpty() && Arrays.compareUnsigned(key, next) >= 0) throw error("keys out of order in block at " + offset);
            key = next;
            out.put(key, c.take(valueLength));
        }
        return out;
    }

    private ModelFormatException error(String problem) {
        return new ModelFormatException(file, "SSTable index: " + problem);
    }

    /** Reads varints and byte runs from a segment, with bounds checks. */
    final class Cursor {
        private final MemorySegment s;
        private final long base;
        private long pos;

        Cursor(MemorySegment s, long base) {
            this.s = s;
            this.base = base;
        }

        long remaining() {
            return s.byteSize() - pos;
        }

        MemorySegment take(long n) {
            if (n < 0 || n > remaining()) throw error("run of " + n + " bytes past the end" + where());
            MemorySegment out = s.asSlice(pos, n);
            pos += n;
            return out;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= s.byteSize()) throw error("truncated varint" + where());
                byte b = s.get(ValueLayout.JAVA_BYTE, pos++);
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    if (v < 0) throw error("varint out of range" + where());
                    return v;
                }
            }
            throw error("varint longer than 10 bytes" + where());
        }

        private String where() {
            return base >= 0 ? " (near byte " + (base + pos) + ")" : "";
        }
    }
}
