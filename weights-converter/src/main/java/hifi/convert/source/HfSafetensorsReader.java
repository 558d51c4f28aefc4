package hifi.convert.source;

import hifi.convert.model.NamedTensor;
import hifi.convert.model.StateDict;
import hifi.engine.io.ModelDirectory;
import hifi.engine.io.ModelFormatException;
import hifi.engine.io.SafetensorsFile;
import hifi.engine.io.TensorInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads HuggingFace safetensors checkpoints: one file, or shards listed by {@code model.safetensors.index.json}
 * ({@code weight_map}: tensor name → shard file). F32, F16, BF16 (and F64) become fp32; integer tensors such as
 * {@code position_ids} are skipped. The index and the shards must agree exactly: every mapped tensor is in its shard,
 * every shard tensor is mapped there, and no tensor appears twice. A file that records checksums (one this project
 * wrote) is verified; HF's own files record none and are read as they are.
 */
public final class HfSafetensorsReader {
    /** The index file of a sharded checkpoint. */
    public static final String INDEX = "model.safetensors.index.json";

    private HfSafetensorsReader() {
    }

    /** Reads one safetensors file. */
    public static StateDict readFile(Path file) throws IOException {
        StateDict out = new StateDict(file);
        addAll(file, null, out);
        return out;
    }

    /** Reads a sharded checkpoint through its index file. */
    public static StateDict readSharded(Path index) throws IOException {
        Map<String, Object> root = ModelDirectory.readJsonObject(index);
        if (!(root.get("weight_map") instanceof Map<?, ?> weightMap)) {
            throw new ModelFormatException(index, "no \"weight_map\" object");
        }
        Map<String, TreeSet<String>> byShard = new TreeMap<>();
        for (Map.Entry<?, ?> e : weightMap.entrySet()) {
            if (!(e.getValue() instanceof String shard) || shard.contains("/") || shard.contains("\\") || shard.startsWith(".")) {
                throw new ModelFormatException(index, (String) e.getKey(), "weight_map entry " + e.getValue() + " is not a file name next to the index");
            }
            byShard.computeIfAbsent(shard, k -> new TreeSet<>()).add((String) e.getKey());
        }
        StateDict out = new StateDict(index);
        for (Map.Entry<String, TreeSet<String>> shard : byShard.entrySet()) {
            Path file = index.resolveSibling(shard.getKey());
            if (!Files.isRegularFile(file)) throw new ModelFormatException(index, "shard " + shard.getKey() + " is missing");
            addAll(file, shard.getValue(), out);
        }
        return out;
    }

    private static void addAll(Path file, TreeSet<String> expected, StateDict out) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            f.verify();
            if (expected != null) {
                for (String name : expected) {
                    if (!f.contains(name)) throw new ModelFormatException(file, name, "listed in the index but missing from this shard");
                }
                for (String name : f.names()) {
                    if (!expected.contains(name)) throw new ModelFormatException(file, name, "in this shard but mapped elsewhere (or not at all) by the index");
                }
            }
            for (String name : f.names()) {
                TensorInfo info = f.info(name);
                if (!info.dtype().isFloatingPoint()) continue;
                int[] shape;
                try {
                    shape = info.intShape();
                } catch (ArithmeticException e) {
                    throw new ModelFormatException(file, name, "a dimension does not fit an int");
                }
                out.add(new NamedTensor(name, shape, f.readFloats(name)));
            }
        }
    }
}
