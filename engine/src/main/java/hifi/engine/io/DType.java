package hifi.engine.io;

/**
 * Element types of the safetensors format, with their names as they appear in a header and their size in bytes. The
 * engine computes in fp32: {@link #F32}, {@link #F16}, {@link #BF16} and {@link #F64} can be read as floats; the integer
 * types can be read as {@code long} (inputs such as token ids in fixtures).
 */
public enum DType {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** Whether values of this type convert to fp32 (losslessly or by rounding, for F64). */
    public boolean isFloatingPoint() {
        return this == F64 || this == F32 || this == F16 || this == BF16;
    }

    /** The type named {@code name} in a safetensors header, or null if the name is not one we know. */
    public static DType byName(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) return t;
        }
        return null;
    }
}
