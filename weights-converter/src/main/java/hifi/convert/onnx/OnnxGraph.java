package hifi.convert.onnx;

import hifi.convert.proto.LongList;
import hifi.convert.proto.ProtoReader;
import hifi.engine.io.ModelFormatException;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX model a weight converter needs: the graph's nodes and its initializers (weights). Field
 * numbers from onnx.proto: ModelProto {@code graph}=7; GraphProto {@code node}=1, {@code initializer}=5; NodeProto
 * {@code input}=1, {@code output}=2, {@code name}=3, {@code op_type}=4, {@code attribute}=5; AttributeProto
 * {@code name}=1, {@code t}=5; TensorProto {@code dims}=1, {@code data_type}=2, {@code float_data}=4,
 * {@code int32_data}=5, {@code int64_data}=7, {@code name}=8, {@code raw_data}=9, {@code data_location}=14.
 */
public record OnnxGraph(Path file, List<OnnxNode> nodes, Map<String, OnnxTensor> initializers) {

    /** Parses a whole ONNX model held in {@code model} (usually a mapped file). */
    public static OnnxGraph parse(Path file, MemorySegment model) {
        ProtoReader r = new ProtoReader(file, model);
        OnnxGraph graph = null;
        while (r.next()) {
            if (r.field() == 7 && r.wireType() == ProtoReader.LENGTH_DELIMITED) {
                if (graph != null) throw r.error("ModelProto holds two graphs");
                graph = graph(file, r.message());
            } else {
                r.skip();
            }
        }
        if (graph == null) throw new ModelFormatException(file, "not an ONNX model: no graph (field 7) found");
        return graph;
    }

    private static OnnxGraph graph(Path file, ProtoReader r) {
        List<OnnxNode> nodes = new ArrayList<>();
        Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
        while (r.next()) {
            if (r.field() == 1 && r.wireType() == ProtoReader.LENGTH_DELIMITED) {
                nodes.add(node(r.message()));
            } else if (r.field() == 5 && r.wireType() == ProtoReader.LENGTH_DELIMITED) {
                OnnxTensor t = tensor(r.message());
                if (initializers.putIfAbsent(t.name(), t) != null) {
                    throw new ModelFormatException(file, t.name(), "duplicate initializer");
                }
            } else {
                r.skip();
            }
        }
        return new OnnxGraph(file, List.copyOf(nodes), initializers);
    }

    private static OnnxNode node(ProtoReader r) {
        String name = "";
        String op = null;
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, OnnxTensor> attributes = new LinkedHashMap<>();
        while (r.next()) {
            boolean bytes = r.wireType() == ProtoReader.LENGTH_DELIMITED;
            switch (bytes ? r.field() : 0) {
                case 1 -> inputs.add(r.string());
                case 2 -> outputs.add(r.string());
                case 3 -> name = r.string();
                case 4 -> op = r.string();
                case 5 -> attribute(r.message(), attributes);
                default -> r.skip();
            }
        }
        if (op == null) throw r.error("node \"" + name + "\" has no op_type");
        return new OnnxNode(name, op, List.copyOf(inputs), List.copyOf(outputs), attributes);
    }

    /** Keeps tensor-valued attributes (a Constant node's {@code value}); other attribute kinds are not needed. */
    private static void attribute(ProtoReader r, Map<String, OnnxTensor> out) {
        String name = null;
        OnnxTensor tensor = null;
        while (r.next()) {
            if (r.field() == 1 && r.wireType() == ProtoReader.LENGTH_DELIMITED) name = r.string();
            else if (r.field() == 5 && r.wireType() == ProtoReader.LENGTH_DELIMITED) tensor = tensor(r.message());
            else r.skip();
        }
        if (name != null && tensor != null) out.put(name, tensor);
    }

    private static OnnxTensor tensor(ProtoReader r) {
        LongList dims = new LongList();
        LongList ints = new LongList();
        List<Float> floats = new ArrayList<>();
        int dataType = 0;
        String name = "";
        MemorySegment raw = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> r.varints(dims);
                case 2 -> dataType = (int) r.varintValue();
                case 4 -> floatValues(r, floats);
                case 5, 7 -> r.varints(ints);
                case 8 -> name = r.string();
                case 9 -> raw = r.bytes();
                case 14 -> {
                    if (r.varintValue() != 0) throw r.error("tensor \"" + name + "\" keeps its data in an external file (not supported)");
                }
                default -> r.skip();
            }
        }
        float[] f = new float[floats.size()];
        for (int i = 0; i < f.length; i++) f[i] = floats.get(i);
        return new OnnxTensor(r.file(), name, dataType, dims.toArray(), raw, f, ints.toArray());
    }

    private static void floatValues(ProtoReader r, List<Float> out) {
        if (r.wireType() == ProtoReader.FIXED32) {
            out.add(Float.intBitsToFloat(r.fixed32()));
            return;
        }
        MemorySegment packed = r.bytes();
        if (packed.byteSize() % 4 != 0) throw r.error("packed float_data of " + packed.byteSize() + " bytes");
        for (long i = 0; i < packed.byteSize(); i += 4) {
            out.add(Float.intBitsToFloat(packed.get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), i)));
        }
    }

}
