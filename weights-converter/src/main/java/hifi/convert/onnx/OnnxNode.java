package hifi.convert.onnx;

import java.util.List;
import java.util.Map;

/** An ONNX {@code NodeProto}: operator type, input and output value names, and the tensor-valued attributes. */
public record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs, Map<String, OnnxTensor> tensorAttributes) {
}
