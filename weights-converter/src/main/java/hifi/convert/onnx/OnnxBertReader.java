package hifi.convert.onnx;

import hifi.convert.model.BertNames;
import hifi.convert.model.NamedTensor;
import hifi.convert.model.StateDict;
import hifi.engine.io.ModelFormatException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the weights of a HF BERT exported to ONNX (as in the langchain4j embedding jars) and names them as HF does.
 *
 * <p>The exporter keeps HF names for embeddings, biases and LayerNorms, but the six weight matrices of each layer
 * become anonymous initializers ({@code onnx::MatMul_787}) stored {@code [in, out]}. They are named by graph
 * structure: such a matrix feeds a {@code MatMul} whose output feeds an {@code Add} with a named bias {@code X.bias};
 * the matrix is then {@code X.weight}, transposed to {@code [out, in]}. The number of heads is read from the constant
 * {@code [.., .., heads, head_size]} that reshapes the key projection, the LayerNorm epsilon from the constant added
 * before the {@code Sqrt} of the decomposed LayerNorm. These exports carry no pooler and no MLM head.
 */
public final class OnnxBertReader {
    /** What was read: HF-named tensors plus the sizes only the graph knows (0 when not found). */
    public record Result(StateDict tensors, int heads, double eps) {
    }

    private final OnnxGraph graph;
    private final Map<String, OnnxNode> producers = new HashMap<>();
    private final Map<String, List<OnnxNode>> consumers = new HashMap<>();

    private OnnxBertReader(OnnxGraph graph) {
        this.graph = graph;
        for (OnnxNode n : graph.nodes()) {
            for (String o : n.outputs()) producers.put(o, n);
            for (String i : n.inputs()) consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
        }
    }

    /** Maps the file and reads it. */
    public static Result read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            return read(OnnxGraph.parse(file, seg));
        }
    }

    /** Reads an already parsed graph (its tensors must still be readable). */
    public static Result read(OnnxGraph graph) {
        OnnxBertReader r = new OnnxBertReader(graph);
        return new Result(r.tensors(), r.heads(), r.eps());
    }

    private StateDict tensors() {
        StateDict out = new StateDict(graph.file());
        for (OnnxTensor t : graph.initializers().values()) {
            if (t.dataType() != OnnxTensor.FLOAT) continue;
            if (!isAnonymous(t.name())) {
                out.add(new NamedTensor(t.name(), t.shape(), t.floats()));
                continue;
            }
            List<OnnxNode> users = consumers.getOrDefault(t.name(), List.of());
            boolean matmul = users.stream().anyMatch(n -> n.opType().equals("MatMul"));
            if (!matmul) continue;
            String bias = biasAfterMatMul(t.name(), users);
            if (t.dims().length != 2) throw new ModelFormatException(graph.file(), t.name(), "MatMul weight is not 2-D");
            String weight = bias.substring(0, bias.length() - ".bias".length()) + ".weight";
            if (out.contains(weight)) throw new ModelFormatException(graph.file(), t.name(), "a second matrix maps to " + weight);
            out.add(new NamedTensor(t.name(), t.shape(), t.floats()).transposed(weight));
        }
        return out;
    }

    private static boolean isAnonymous(String name) {
        return name.startsWith("onnx::") || name.isEmpty();
    }

    /** The named bias added to the output of the MatMul that reads {@code weight}. */
    private String biasAfterMatMul(String weight, List<OnnxNode> users) {
        String found = null;
        for (OnnxNode mm : users) {
            if (!mm.opType().equals("MatMul") || mm.outputs().isEmpty()) continue;
            for (OnnxNode add : consumers.getOrDefault(mm.outputs().getFirst(), List.of())) {
                if (!add.opType().equals("Add")) continue;
                for (String in : add.inputs()) {
                    if (in.endsWith(".bias") && graph.initializers().containsKey(in)) {
                        if (found != null && !found.equals(in)) {
                            throw new ModelFormatException(graph.file(), weight, "ambiguous: feeds both " + found + " and " + in);
                        }
                        found = in;
                    }
                }
            }
        }
        if (found == null) {
            throw new ModelFormatException(graph.file(), weight, "cannot name this MatMul weight: its output does not feed an Add with a named X.bias");
        }
        return found;
    }

    /** Heads from the Reshape that splits the first layer's key projection into heads; 0 if not found. */
    private int heads() {
        String keyBias = BertNames.layer(0) + "attention.self.key.bias";
        for (OnnxNode add : consumers.getOrDefault(keyBias, List.of())) {
            if (!add.opType().equals("Add") || add.outputs().isEmpty()) continue;
            for (OnnxNode reshape : consumers.getOrDefault(add.outputs().getFirst(), List.of())) {
                if (!reshape.opType().equals("Reshape") || reshape.inputs().size() < 2) continue;
                long[] shape = constantShape(reshape.inputs().get(1));
                if (shape != null && shape.length == 4 && shape[2] > 0 && shape[2] <= Integer.MAX_VALUE) return (int) shape[2];
            }
        }
        return 0;
    }

    /** A shape that is a constant, or a Concat whose last two parts are constants; unknown leading parts are -1. */
    private long[] constantShape(String value) {
        long[] direct = constantLongs(value);
        if (direct != null) return direct;
        OnnxNode concat = producers.get(value);
        if (concat == null || !concat.opType().equals("Concat")) return null;
        List<Long> parts = new ArrayList<>();
        for (String in : concat.inputs()) {
            long[] c = constantLongs(in);
            if (c == null) parts.add(-1L);
            else for (long v : c) parts.add(v);
        }
        return parts.stream().mapToLong(Long::longValue).toArray();
    }

    /** Epsilon of the first decomposed LayerNorm: {@code Sqrt(Add(variance, eps))}; 0 if not found. */
    private double eps() {
        for (OnnxNode sqrt : graph.nodes()) {
            if (!sqrt.opType().equals("Sqrt") || sqrt.inputs().isEmpty()) continue;
            OnnxNode add = producers.get(sqrt.inputs().getFirst());
            if (add == null || !add.opType().equals("Add")) continue;
            for (String in : add.inputs()) {
                float[] c = constantFloats(in);
                if (c != null && c.length == 1 && c[0] > 0 && c[0] < 1e-3) return Double.parseDouble(Float.toString(c[0]));
            }
        }
        return 0;
    }

    private OnnxTensor constant(String value) {
        OnnxTensor t = graph.initializers().get(value);
        if (t != null) return t;
        OnnxNode n = producers.get(value);
        if (n != null && n.opType().equals("Constant")) return n.tensorAttributes().get("value");
        return null;
    }

    private long[] constantLongs(String value) {
        OnnxTensor t = constant(value);
        if (t == null || (t.dataType() != OnnxTensor.INT64 && t.dataType() != OnnxTensor.INT32) || t.numel() > 16) return null;
        return t.longs();
    }

    private float[] constantFloats(String value) {
        OnnxTensor t = constant(value);
        if (t == null || t.dataType() != OnnxTensor.FLOAT || t.numel() != 1) return null;
        return t.floats();
    }
}
