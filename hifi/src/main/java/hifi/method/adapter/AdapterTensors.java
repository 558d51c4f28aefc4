package hifi.method.adapter;

import hifi.engine.param.Parameter;
import hifi.engine.param.Trainable;
import hifi.engine.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How trained slices are named in {@code adapter_model.safetensors}.
 * <ul>
 *   <li>A parameter trained as a whole keeps its model name, e.g. {@code classifier.weight},
 *       {@code bert.pooler.dense.bias}.</li>
 *   <li>One attention head's slice is the parameter name plus {@code .head_<h>}: for head {@code h} of layer
 *       {@code l} (head size {@code d_h}, hidden {@code d}),
 *       {@code bert.encoder.layer.<l>.attention.self.query.weight.head_<h>} is rows {@code h·d_h .. (h+1)·d_h − 1} of
 *       the HF {@code [out, in]} weight, shape {@code [d_h, d]} (likewise {@code key}, {@code value});
 *       {@code ….query.bias.head_<h>} the same entries of the bias, shape {@code [d_h]}; and
 *       {@code bert.encoder.layer.<l>.attention.output.dense.weight.head_<h>} the <b>columns</b>
 *       {@code h·d_h .. (h+1)·d_h − 1} of the output projection, shape {@code [d, d_h]}.</li>
 * </ul>
 */
public final class AdapterTensors {
    /** The suffix that marks one head's slice. */
    public static final String HEAD_SUFFIX = ".head_";

    private AdapterTensors() {
    }

    /** The trained tensors of a model under {@code trainable}, named as above (views into the model's weights). */
    public static Map<String, Tensor> collect(List<Parameter> parameters, Trainable trainable, int headSize) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            for (Trainable.Range r : trainable.ranges(p, headSize)) {
                if (r.start() == 0 && r.length() == p.value().dim(r.dim())) {
                    out.put(p.name(), p.value());
                    continue;
                }
                for (int s = r.start(); s < r.start() + r.length(); s += headSize) {
                    out.put(p.name() + HEAD_SUFFIX + (s / headSize), p.value().narrow(r.dim(), s, headSize));
                }
            }
        }
        return out;
    }

    /** A stored name split into the parameter it belongs to and the head ({@code -1}: the whole tensor). */
    public record Target(String parameter, int head) {
        /** The view of {@code p} this tensor covers. */
        public Tensor view(Parameter p, int headSize) {
            if (head < 0) return p.value();
            if (!p.isHeadSliced()) throw new IllegalArgumentException(p.name() + " is not split into heads, but the adapter holds " + this);
            return p.value().narrow(p.headAxis(), head * headSize, headSize);
        }
    }

    public static Target parse(String name) {
        int i = name.lastIndexOf(HEAD_SUFFIX);
        if (i < 0) return new Target(name, -1);
        try {
            return new Target(name.substring(0, i), Integer.parseInt(name.substring(i + HEAD_SUFFIX.length())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("adapter tensor \"" + name + "\": bad head index");
        }
    }
}
