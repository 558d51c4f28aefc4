package hifi.convert.tf;

import hifi.convert.proto.LongList;
import hifi.convert.proto.ProtoReader;
import hifi.engine.io.ModelFormatException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A TensorFlow tensor bundle (the {@code variables/} of a SavedModel or a {@code model.ckpt}), read without
 * TensorFlow: {@code <prefix>.index} is an {@link SSTable} mapping each tensor name to a {@code BundleEntryProto}
 * (field 1 dtype, 2 shape, 3 shard_id, 4 offset, 5 size, 6 crc32c); the empty key holds the
 * {@code BundleHeaderProto} (1 num_shards, 2 endianness). Tensor bytes are raw little-endian in
 * {@code <prefix>.data-0000k-of-0000n}, which are memory-mapped; each tensor's checksum is verified when read.
 */
public final class TensorBundle implements AutoCloseable {
    private static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path index;
    private final Map<String, BundleEntry> entries;
    private final List<Path> shardFiles;
    private final List<MemorySegment> shards;
    private final Arena arena;

    private TensorBundle(Path index, Map<String, BundleEntry> entries, List<Path> shardFiles, List<MemorySegment> shards, Arena arena) {
        this.index = index;
        this.entries = entries;
        this.shardFiles = shardFiles;
        this.shards = shards;
        this.arena = arena;
    }

    /** Opens the bundle whose index file is {@code index} ({@code foo.index}; shards {@code foo.data-*}). */
    public static TensorBundle open(Path index) throws IOException {
        String name = index.getFileName().toString();
        if (!name.endsWith(".index")) throw new ModelFormatException(index, "a bundle index file name ends with .index");
        String prefix = name.substring(0, name.length() - ".index".length());
        Arena arena = Arena.ofShared();
        try {
            Map<String, BundleEntry> entries = new LinkedHashMap<>();
            int numShards = parseIndex(index, Files.readAllBytes(index), entries);
            List<Path> files = new ArrayList<>();
            List<MemorySegment> shards = new ArrayList<>();
            for (int k = 0; k < numShards; k++) {
                Path shard = index.resolveSibling(String.format("%s.data-%05d-of-%05d", prefix, k, numShards));
                if (!Files.isRegularFile(shard)) throw new ModelFormatException(index, "data shard " + shard.getFileName() + " is missing");
                try (FileChannel ch = FileChannel.open(shard, StandardOpenOption.READ)) {
                    shards.add(ch.size() == 0 ? MemorySegment.ofArray(new byte[0]) : ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena));
                }
                files.add(shard);
            }
            for (BundleEntry e : entries.values()) {
                if (e.shardId() < 0 || e.shardId() >= numShards) throw new ModelFormatException(index, e.name(), "shard_id " + e.shardId() + " out of range");
                long available = shards.get(e.shardId()).byteSize();
                if (e.offset() < 0 || e.size() < 0 || e.offset() > available - e.size()) {
                    throw new ModelFormatException(files.get(e.shardId()), e.name(), "bytes [" + e.offset() + ", +" + e.size()
                            + ") lie outside the " + available + "-byte data file (truncated?)");
                }
            }
            return new TensorBundle(index, entries, files, shards, arena);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Parses the index table into {@code out}; returns the number of data shards. Visible for fuzzing. */
    static int parseIndex(Path index, byte[] bytes, Map<String, BundleEntry> out) {
        Map<String, MemorySegment> table = SSTable.read(index, MemorySegment.ofArray(bytes));
        MemorySegment header = table.get("");
        if (header == null) throw new ModelFormatException(index, "no bundle header (empty key) in the index");
        int numShards = 1;
        ProtoReader h = new ProtoReader(index, header);
        while (h.next()) {
            if (h.field() == 1 && h.wireType() == ProtoReader.VARINT) numShards = (int) Math.min(Integer.MAX_VALUE, h.varintValue());
            else if (h.field() == 2 && h.wireType() == ProtoReader.VARINT) {
                if (h.varintValue() != 0) throw new ModelFormatException(index, "big-endian bundles are not supported");
            } else h.skip();
        }
        if (numShards < 1 || numShards > 100_000) throw new ModelFormatException(index, "num_shards " + numShards + " is not sane");
        for (Map.Entry<String, MemorySegment> e : table.entrySet()) {
            if (e.getKey().isEmpty()) continue;
            out.put(e.getKey(), entry(index, e.getKey(), e.getValue()));
        }
        return numShards;
    }

    private static BundleEntry entry(Path index, String name, MemorySegment value) {
        ProtoReader r = new ProtoReader(index, value);
        int dtype = 0;
        LongList dims = new LongList();
        long shard = 0;
        long offset = 0;
        long size = 0;
        int crc = 0;
        boolean hasCrc = false;
        while (r.next()) {
            switch (r.wireType() == ProtoReader.VARINT || r.wireType() == ProtoReader.FIXED32 || r.field() == 2 ? r.field() : 0) {
                case 1 -> dtype = (int) r.varintValue();
                case 2 -> shapeDims(r.message(), dims);
                case 3 -> shard = r.varintValue();
                case 4 -> offset = r.varintValue();
                case 5 -> size = r.varintValue();
                case 6 -> {
                    crc = r.fixed32();
                    hasCrc = true;
                }
                case 7 -> throw new ModelFormatException(index, name, "partitioned (sliced) variables are not supported");
                default -> r.skip();
            }
        }
        long numel = 1;
        for (long d : dims.toArray()) {
            if (d < 0) throw new ModelFormatException(index, name, "unknown or negative dimension " + d);
            numel = Math.multiplyHigh(numel, d) != 0 ? -1 : numel * d;
            if (numel < 0) throw new ModelFormatException(index, name, "shape overflows");
        }
        BundleEntry e = new BundleEntry(name, dtype, dims.toArray(), (int) Math.min(shard, Integer.MAX_VALUE), offset, size, crc, hasCrc);
        if (e.floatBytes() > 0 && (numel > Long.MAX_VALUE / 8 || numel * e.floatBytes() != size)) {
            throw new ModelFormatException(index, name, "shape " + Arrays.toString(e.shape()) + " needs " + numel * e.floatBytes()
                    + " bytes but the entry says " + size);
        }
        return e;
    }

    private static void shapeDims(ProtoReader shape, LongList out) {
        while (shape.next()) {
            if (shape.field() == 2 && shape.wireType() == ProtoReader.LENGTH_DELIMITED) {
                ProtoReader dim = shape.message();
                long size = 0;
                while (dim.next()) {
                    if (dim.field() == 1 && dim.wireType() == ProtoReader.VARINT) size = dim.varintValue();
                    else dim.skip();
                }
                out.add(size);
            } else if (shape.field() == 3 && shape.wireType() == ProtoReader.VARINT && shape.varintValue() != 0) {
                throw shape.error("tensor of unknown rank");
            } else {
                shape.skip();
            }
        }
    }

    /** Entries by name, in key order. */
    public Map<String, BundleEntry> entries() {
        return entries;
    }

    /** Reads a floating-point tensor as fp32, after checking its crc32c. */
    public float[] readFloats(String name) {
        BundleEntry e = entries.get(name);
        if (e == null) throw new ModelFormatException(index, name, "no such tensor in the bundle");
        if (e.floatBytes() == 0) throw new ModelFormatException(index, name, "TF dtype " + e.dtype() + " is not floating point");
        if (e.size() / e.floatBytes() > Integer.MAX_VALUE - 16) throw new ModelFormatException(index, name, "too large for one array");
        MemorySegment bytes = shards.get(e.shardId()).asSlice(e.offset(), e.size());
        if (e.hasCrc()) checkCrc(e, bytes);
        int n = (int) (e.size() / e.floatBytes());
        float[] out = new float[n];
        switch (e.dtype()) {
            case BundleEntry.DT_FLOAT -> MemorySegment.copy(bytes, F32_LE, 0, out, 0, n);
            case BundleEntry.DT_HALF -> {
                for (int i = 0; i < n; i++) out[i] = Float.float16ToFloat(bytes.getAtIndex(I16_LE, i));
            }
            case BundleEntry.DT_BFLOAT16 -> {
                for (int i = 0; i < n; i++) out[i] = Float.intBitsToFloat(bytes.getAtIndex(I16_LE, i) << 16);
            }
            case BundleEntry.DT_DOUBLE -> {
                for (int i = 0; i < n; i++) out[i] = (float) bytes.getAtIndex(F64_LE, i);
            }
            default -> throw new AssertionError(e.dtype());
        }
        return out;
    }

    private void checkCrc(BundleEntry e, MemorySegment bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.asByteBuffer());
        if (mask((int) crc.getValue()) != e.crc32c()) {
            throw new ModelFormatException(shardFiles.get(e.shardId()), e.name(), "checksum mismatch: the data file is corrupt");
        }
    }

    /** LevelDB/TF's masked crc: rotate right by 15 and add a constant, so a crc of data holding crcs stays distinct. */
    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    @Override
    public void close() {
        arena.close();
    }
}
