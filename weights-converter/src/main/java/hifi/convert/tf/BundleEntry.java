package hifi.convert.tf;

/**
 * One tensor's {@code BundleEntryProto}: TF dtype code ({@code DT_FLOAT} = 1), shape, the data shard holding it, the
 * byte range there, and the masked crc32c of those bytes.
 */
public record BundleEntry(String name, int dtype, long[] shape, int shardId, long offset, long size, int crc32c, boolean hasCrc) {
    public static final int DT_FLOAT = 1;
    public static final int DT_DOUBLE = 2;
    public static final int DT_BFLOAT16 = 14;
    public static final int DT_HALF = 19;

    /** Element size in bytes of the floating-point dtypes, 0 for others. */
    public int floatBytes() {
        return switch (dtype) {
            case DT_FLOAT -> 4;
            case DT_DOUBLE -> 8;
            case DT_HALF, DT_BFLOAT16 -> 2;
            default -> 0;
        };
    }
}
