package hifi.convert.proto;

import hifi.engine.io.ModelFormatException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A reader for the protocol-buffers wire format over a {@link MemorySegment} (so a 100 MB ONNX file is parsed in
 * place and tensor bytes are zero-copy slices). A message is a sequence of fields, each a varint key
 * {@code (field number << 3) | wire type} followed by a varint (type 0), 8 bytes (1), a varint length and that many
 * bytes (2), or 4 bytes (5). Groups (3, 4) are obsolete and rejected. Every bound is checked; a malformed message is a
 * {@link ModelFormatException} naming the file and the byte offset.
 *
 * <pre>
 *   ProtoReader r = new ProtoReader(file, segment);
 *   while (r.next()) switch (r.field()) { case 1 -> name = r.string(); case 2 -> child(r.message()); default -> r.skip(); }
 * </pre>
 */
public final class ProtoReader {
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    public static final int FIXED32 = 5;

    private static final ValueLayout.OfInt I32_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final MemorySegment seg;
    private final long base;
    private long pos;
    private int field;
    private int wireType;

    /** Reads the message that fills {@code seg}; {@code file} labels errors. */
    public ProtoReader(Path file, MemorySegment seg) {
        this(file, seg, 0);
    }

    private ProtoReader(Path file, MemorySegment seg, long base) {
        this.file = file;
        this.seg = seg;
        this.base = base;
    }

    /** Advances to the next field; false at the end of the message. */
    public boolean next() {
        if (pos >= seg.byteSize()) return false;
        long key = varint();
        field = (int) (key >>> 3);
        wireType = (int) (key & 7);
        if (field <= 0 || (key >>> 3) > Integer.MAX_VALUE) throw error("invalid field number " + (key >>> 3));
        if (wireType != VARINT && wireType != FIXED64 && wireType != LENGTH_DELIMITED && wireType != FIXED32) {
            throw error("unsupported wire type " + wireType + " for field " + field);
        }
        return true;
    }

    /** The current field's number. */
    public int field() {
        return field;
    }

    /** The current field's wire type. */
    public int wireType() {
        return wireType;
    }

    /** The current field as a varint (int32/int64/uint64/enum/bool all arrive this way). */
    public long varintValue() {
        expect(VARINT);
        return varint();
    }

    /** The current field as a fixed 32-bit value (fixed32, sfixed32, float bits). */
    public int fixed32() {
        expect(FIXED32);
        need(4);
        int v = seg.get(I32_LE, pos);
        pos += 4;
        return v;
    }

    /** The current field as a fixed 64-bit value (fixed64, sfixed64, double bits). */
    public long fixed64() {
        expect(FIXED64);
        need(8);
        long v = seg.get(I64_LE, pos);
        pos += 8;
        return v;
    }

    /** The current length-delimited field's bytes, a view (not a copy). */
    public MemorySegment bytes() {
        expect(LENGTH_DELIMITED);
        long len = varint();
        if (len < 0) throw error("negative length");
        need(len);
        MemorySegment s = seg.asSlice(pos, len);
        pos += len;
        return s;
    }

    /** The current length-delimited field as UTF-8 text. */
    public String string() {
        MemorySegment s = bytes();
        if (s.byteSize() > Integer.MAX_VALUE - 16) throw error("string too long");
        return new String(s.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    /** The current length-delimited field as an embedded message. */
    public ProtoReader message() {
        long start = pos;
        MemorySegment s = bytes();
        return new ProtoReader(file, s, base + start);
    }

    /**
     * Appends the current field's integers to {@code out}: one varint, or a packed run of varints (proto3 packs
     * repeated scalars by default; writers may do either).
     */
    public void varints(LongList out) {
        if (wireType == VARINT) {
            out.add(varint());
        } else {
            ProtoReader packed = message();
            while (packed.pos < packed.seg.byteSize()) out.add(packed.varint());
        }
    }

    /** Skips the current field. */
    public void skip() {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> fixed64();
            case FIXED32 -> fixed32();
            case LENGTH_DELIMITED -> bytes();
            default -> throw new AssertionError(wireType);
        }
    }

    /** Absolute offset in the file of the current position, for error messages. */
    public long offset() {
        return base + pos;
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** An error located at the current position. */
    public ModelFormatException error(String problem) {
        return new ModelFormatException(file, problem + " (protobuf, at byte " + offset() + ")");
    }

    private void expect(int type) {
        if (wireType != type) throw error("field " + field + " has wire type " + wireType + ", expected " + type);
    }

    private void need(long n) {
        if (n > seg.byteSize() - pos) throw error("field " + field + " needs " + n + " bytes, only " + (seg.byteSize() - pos) + " left (truncated?)");
    }

    private long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= seg.byteSize()) throw error("truncated varint");
            byte b = seg.get(ValueLayout.JAVA_BYTE, pos++);
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) return result;
        }
        throw error("varint longer than 10 bytes");
    }
}
