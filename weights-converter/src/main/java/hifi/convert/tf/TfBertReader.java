package hifi.convert.tf;

import hifi.convert.model.NamedTensor;
import hifi.convert.model.StateDict;
import hifi.engine.io.ModelFormatException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Google's original BERT checkpoints (TF tensor bundles) and names the tensors as HF does: an optional
 * {@code module/} prefix is dropped, {@code /} becomes {@code .}, {@code layer_N} becomes {@code layer.N}, every
 * {@code kernel} (stored {@code [in, out]}, {@code y = xK + b}) becomes a {@code weight} transposed to {@code [out, in]},
 * embedding tables gain {@code .weight}, and {@code cls/predictions/output_bias} becomes {@code cls.predictions.bias}
 * ({@code gamma}/{@code beta} are renamed later by {@link hifi.convert.model.BertNames#canonical}). Training state
 * ({@code global_step}, Adam slots) and the next-sentence head are skipped.
 */
public final class TfBertReader {
    private static final Pattern LAYER = Pattern.compile("layer_(\\d+)");

    private TfBertReader() {
    }

    /** Reads every BERT weight of the bundle whose index file is {@code index}. */
    public static StateDict read(Path index) throws IOException {
        StateDict out = new StateDict(index);
        try (TensorBundle bundle = TensorBundle.open(index)) {
            for (BundleEntry e : bundle.entries().values()) {
                String name = hfName(e.name());
                if (name == null) continue;
                if (e.floatBytes() == 0) throw new ModelFormatException(index, e.name(), "TF dtype " + e.dtype() + " is not floating point");
                int[] shape = new int[e.shape().length];
                for (int i = 0; i < shape.length; i++) {
                    if (e.shape()[i] > Integer.MAX_VALUE) throw new ModelFormatException(index, e.name(), "dimension too large");
                    shape[i] = (int) e.shape()[i];
                }
                NamedTensor t = new NamedTensor(e.name(), shape, bundle.readFloats(e.name()));
                if (e.name().endsWith("/kernel")) {
                    if (shape.length != 2) throw new ModelFormatException(index, e.name(), "kernel is not 2-D: " + Arrays.toString(shape));
                    out.add(t.transposed(name));
                } else {
                    out.add(t.renamed(name));
                }
            }
        }
        return out;
    }

    /** The HF name of a TF variable, or null for variables a BERT model does not keep. */
    public static String hfName(String tf) {
        String n = tf.startsWith("module/") ? tf.substring("module/".length()) : tf;
        if (n.equals("global_step") || n.contains("/adam_m") || n.contains("/adam_v") || n.startsWith("cls/seq_relationship/")) {
            return null;
        }
        if (n.equals("cls/predictions/output_bias")) return "cls.predictions.bias";
        Matcher m = LAYER.matcher(n);
        n = m.replaceAll("layer.$1").replace('/', '.');
        if (n.endsWith(".kernel")) return n.substring(0, n.length() - ".kernel".length()) + ".weight";
        if (n.endsWith("_embeddings")) return n + ".weight";
        return n;
    }
}
