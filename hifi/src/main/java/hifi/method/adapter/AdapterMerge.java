package hifi.method.adapter;

import hifi.engine.backend.ReferenceBackend;
import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.bert.BertParameterGroups;
import hifi.engine.io.DType;
import hifi.engine.io.ModelDirectory;
import hifi.engine.io.SafetensorsFile;
import hifi.engine.io.SafetensorsWriter;
import hifi.engine.io.TensorInfo;
import hifi.engine.nn.LoraInit;
import hifi.engine.param.Parameter;
import hifi.engine.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a full model directory: the base weights with the adapter's slices written over them. Every tensor keeps the
 * base file's name and dtype, and every value outside the trained slices is the base's, bit for bit. Parameters the
 * base lacks (the classifier of a plain {@code BertModel}; the pooler of an export without one, such as
 * all-MiniLM-L6-v2's ONNX) are added under their HF names with the values the run trained from: the adapter's when it
 * saved them, otherwise the seeded initialisation recorded in the adapter ({@code headInitSeed}). A LoRA adapter's
 * factors are folded in, {@code W + alpha/r · B·A} for every targeted weight (peft's {@code merge_and_unload}). The
 * merged model therefore scores as base + adapter does (exactly for slices; to float rounding for LoRA). The tokenizer
 * config is the base's with {@code model_max_length} set to the length the adapter was trained with (its recorded
 * {@code max_length} hyperparameter, when it has one), so that HF's {@code truncation=True} and this project's
 * {@code eval} both tokenize the merged model's input as the run did.
 */
public final class AdapterMerge {
    private AdapterMerge() {
    }

    /** Merges {@code adapter} into {@code base}, writing {@code out} atomically ({@code replace}: may overwrite). */
    public static void merge(ModelDirectory base, Adapter adapter, Path out, boolean replace) throws IOException {
        adapter.checkBase(BaseModel.identity(base));
        BertConfig config = BaseModel.withLabels(BertConfig.load(base.configPath()), adapter.config().labels(), adapter.config().problemType());
        SafetensorsWriter w = new SafetensorsWriter();
        try (SafetensorsFile f = base.openWeights()) {
            Map<String, float[]> floats = new LinkedHashMap<>();
            Map<String, int[]> shapes = new LinkedHashMap<>();
            for (String name : f.names()) {
                TensorInfo info = f.info(name);
                if (info.dtype() == DType.F32) {
                    floats.put(name, f.readFloats(name));
                    shapes.put(name, info.intShape());
                } else if (info.dtype() == DType.I64) {
                    w.putLongs(name, f.readLongs(name), info.shape());
                } else {
                    throw new IllegalArgumentException(f.path() + ": tensor \"" + name + "\" is " + info.dtype()
                            + "; merge writes F32 model directories (convert the base first)");
                }
            }
            ReferenceBackend be = new ReferenceBackend();
            for (Map.Entry<String, Tensor> e : adapter.tensors().entrySet()) {
                if (e.getKey().endsWith(LoraInit.B_SUFFIX)) continue;
                if (e.getKey().endsWith(LoraInit.A_SUFFIX)) {  // W += alpha/r · B·A
                    String module = e.getKey().substring(0, e.getKey().length() - LoraInit.A_SUFFIX.length());
                    String stored = storedName(module + ".weight", floats);
                    Tensor b = adapter.tensors().get(module + LoraInit.B_SUFFIX);
                    if (stored == null || b == null) throw new IllegalArgumentException(base.weightsPath() + ": no weight or no B factor for LoRA module \"" + module + "\"");
                    be.gemm(b, false, e.getValue(), false, Tensor.of(floats.get(stored), shapes.get(stored)), adapter.config().lora().scaling(), true, null);
                    continue;
                }
                AdapterTensors.Target t = AdapterTensors.parse(e.getKey());
                String stored = storedName(t.parameter(), floats);
                if (stored == null) {
                    if (t.head() >= 0) throw new IllegalArgumentException(base.weightsPath() + ": no tensor for adapter slice \"" + e.getKey() + "\"");
                    stored = prefixed(floats) ? t.parameter() : t.parameter().replaceFirst("^bert\\.", "");
                    floats.put(stored, new float[e.getValue().numel()]);
                    shapes.put(stored, e.getValue().shape());
                }
                Tensor whole = Tensor.of(floats.get(stored), shapes.get(stored));
                Tensor view = t.head() < 0 ? whole : whole.narrow(headAxis(t.parameter()), t.head() * config.headSize(), config.headSize());
                view.copyFrom(e.getValue());
            }
            addMissingParameters(base, adapter, floats, shapes);
            for (Map.Entry<String, float[]> e : floats.entrySet()) w.putFloats(e.getKey(), e.getValue(), shapes.get(e.getKey()));
            ModelDirectory.write(out, replace, config.toJson(), w, base.vocab(), tokenizerConfig(base, adapter));
        }
    }

    /** Adds every model parameter the base file lacks, as base + adapter has it (seeded task-head init included). */
    private static void addMissingParameters(ModelDirectory base, Adapter adapter, Map<String, float[]> floats,
                                             Map<String, int[]> shapes) throws IOException {
        BertForSequenceClassification model = adapter.loadOnto(base, new ReferenceBackend());
        for (Parameter p : model.parameters()) {
            if (storedName(p.name(), floats) != null || BertParameterGroups.LORA.contains(p.name())) continue;
            String stored = prefixed(floats) ? p.name() : p.name().replaceFirst("^bert\\.", "");
            floats.put(stored, p.value().toArray());
            shapes.put(stored, p.value().shape());
        }
    }

    /** The base file's name for a model parameter: as is, or without the {@code bert.} prefix; {@code null} if absent. */
    private static String storedName(String parameter, Map<String, float[]> floats) {
        if (floats.containsKey(parameter)) return parameter;
        if (parameter.startsWith("bert.") && floats.containsKey(parameter.substring(5))) return parameter.substring(5);
        return null;
    }

    /** Whether the base file names its encoder tensors with HF's {@code bert.} prefix (a task checkpoint). */
    private static boolean prefixed(Map<String, float[]> floats) {
        return floats.keySet().stream().anyMatch(n -> n.startsWith("bert."));
    }

    /** 0 for query/key/value weights and biases (rows), 1 for the attention output projection (columns). */
    private static int headAxis(String parameter) {
        if (parameter.endsWith("attention.output.dense.weight")) return 1;
        if (parameter.contains("attention.self.")) return 0;
        throw new IllegalArgumentException("\"" + parameter + "\" is not split into heads");
    }

    /** The base's tokenizer config, with {@code model_max_length} the adapter's recorded {@code max_length} if any. */
    static Map<String, Object> tokenizerConfig(ModelDirectory base, Adapter adapter) throws IOException {
        Map<String, Object> tc = new LinkedHashMap<>(base.tokenizerConfig());
        Integer trained = adapter.config().trainedMaxLength();
        if (trained != null) tc.put("model_max_length", (long) trained);
        return tc;
    }
}
