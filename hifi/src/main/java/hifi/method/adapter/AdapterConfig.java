package hifi.method.adapter;

import hifi.engine.nn.LoraConfig;
import hifi.method.scoring.HeadId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code adapter_config.json}: what an adapter is and what it was trained on, in the spirit of peft's configs
 * ({@code peft_type}, {@code task_type}, {@code base_model_name_or_path}, {@code modules_to_save}) plus what HiFi needs:
 * the base model's content hash, the selected heads, {@code k}, the ranking variant and the hyperparameters.
 *
 * @param method          the method flag ({@code hifi}, {@code full}, {@code bitfit}, …)
 * @param selectedHeads   the trained heads (empty for methods without heads)
 * @param headsPerLayer   {@code k}, or {@code -1} when not the same in every layer / not applicable
 * @param variant         the ranking variant that chose the heads (e.g. {@code B}), or {@code null}
 * @param pooler          whether the pooler was trained
 * @param trainOutput     whether the heads' {@code W_O} column blocks were trained
 * @param labels          the task head's labels ({@code id2label})
 * @param problemType     {@code single_label_classification} or {@code regression}
 * @param headInitSeed    the seed that initialised task-head parameters the base lacks (its classifier, a missing
 *                        pooler); loading uses it again, so an untrained random pooler comes back identical
 * @param hyperparameters free-form training settings (learning rate, epochs, seed, …) recorded for reproducibility
 * @param lora            a LoRA adapter's settings, {@code null} otherwise: then the config and the weights are in
 *                        peft's LoRA format ({@link PeftLoraFormat}); {@code labels} may then be empty until the
 *                        weights tell the classifier's size (an adapter written by Python peft records none)
 */
public record AdapterConfig(String method, BaseModel.Identity base, List<HeadId> selectedHeads, int headsPerLayer,
                            String variant, boolean pooler, boolean trainOutput, List<String> labels, String problemType,
                            long headInitSeed, Map<String, Object> hyperparameters, LoraConfig lora) {

    public static final String PEFT_TYPE = "HIFI";
    public static final String TASK_TYPE = "SEQ_CLS";

    public AdapterConfig {
        selectedHeads = List.copyOf(selectedHeads);
        labels = List.copyOf(labels);
        hyperparameters = hyperparameters == null ? Map.of() : new LinkedHashMap<>(hyperparameters);
    }

    /** The config of an adapter in HiFi's own format (every method but {@code lora}). */
    public AdapterConfig(String method, BaseModel.Identity base, List<HeadId> selectedHeads, int headsPerLayer,
                         String variant, boolean pooler, boolean trainOutput, List<String> labels, String problemType,
                         long headInitSeed, Map<String, Object> hyperparameters) {
        this(method, base, selectedHeads, headsPerLayer, variant, pooler, trainOutput, labels, problemType, headInitSeed, hyperparameters, null);
    }

    /** The max length the run trained with (its {@code max_length} hyperparameter), or {@code null} if it records none (peft's own). */
    public Integer trainedMaxLength() {
        return hyperparameters.get("max_length") instanceof Number n && n.intValue() > 0 ? n.intValue() : null;
    }

    /** True for a LoRA adapter, stored in peft's format. */
    public boolean isLora() {
        return lora != null;
    }

    /** A copy with the task head's labels (and the problem type they imply when none is recorded). */
    public AdapterConfig withLabels(List<String> newLabels) {
        String type = problemType != null ? problemType : newLabels.size() == 1 ? "regression" : "single_label_classification";
        return new AdapterConfig(method, base, selectedHeads, headsPerLayer, variant, pooler, trainOutput, newLabels, type,
                headInitSeed, hyperparameters, lora);
    }

    public Map<String, Object> toJson() {
        if (lora != null) return PeftLoraFormat.toJson(this);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("peft_type", PEFT_TYPE);
        j.put("task_type", TASK_TYPE);
        j.put("method", method);
        j.put("base_model_name_or_path", base.nameOrPath());
        j.put("base_model_sha256", base.sha256());
        List<Object> heads = new ArrayList<>();
        for (HeadId h : selectedHeads) heads.add(List.of(h.layer(), h.head()));
        j.put("selected_heads", heads);
        j.put("heads_per_layer", headsPerLayer);
        j.put("variant", variant);
        List<String> modules = new ArrayList<>(List.of("classifier"));
        if (pooler) modules.add("pooler");
        j.put("modules_to_save", modules);
        j.put("train_output_projection", trainOutput);
        Map<String, Object> id2label = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) id2label.put(Integer.toString(i), labels.get(i));
        j.put("id2label", id2label);
        j.put("problem_type", problemType);
        j.put("head_init_seed", headInitSeed);
        j.put("hyperparameters", hyperparameters);
        j.put("tensor_naming", "whole tensors keep their model names; one head's slice is <parameter>.head_<h>: rows h*d_h..(h+1)*d_h-1"
                + " of query/key/value weights and biases, columns h*d_h..(h+1)*d_h-1 of attention.output.dense.weight");
        return j;
    }

    /** Parses a config, HiFi's or peft's LoRA one; {@code source} names the file in error messages. */
    public static AdapterConfig fromJson(Map<String, Object> j, String source) {
        if (PeftLoraFormat.PEFT_TYPE.equals(j.get("peft_type"))) return PeftLoraFormat.fromJson(j, source);
        if (!PEFT_TYPE.equals(j.get("peft_type"))) {
            throw new IllegalArgumentException(source + ": peft_type is " + j.get("peft_type") + ", expected " + PEFT_TYPE + " or " + PeftLoraFormat.PEFT_TYPE);
        }
        List<HeadId> heads = new ArrayList<>();
        for (Object o : list(j, "selected_heads", source)) {
            List<?> p = (List<?>) o;
            heads.add(new HeadId(((Number) p.get(0)).intValue(), ((Number) p.get(1)).intValue()));
        }
        Map<?, ?> id2label = (Map<?, ?>) required(j, "id2label", source);
        String[] labels = new String[id2label.size()];
        for (Map.Entry<?, ?> e : id2label.entrySet()) labels[Integer.parseInt(e.getKey().toString())] = e.getValue().toString();
        List<?> modules = list(j, "modules_to_save", source);
        @SuppressWarnings("unchecked")
        Map<String, Object> hyper = j.get("hyperparameters") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        return new AdapterConfig((String) required(j, "method", source),
                new BaseModel.Identity((String) required(j, "base_model_name_or_path", source), (String) required(j, "base_model_sha256", source)),
                heads, ((Number) required(j, "heads_per_layer", source)).intValue(), (String) j.get("variant"),
                modules.contains("pooler"), Boolean.TRUE.equals(j.get("train_output_projection")), List.of(labels),
                (String) j.get("problem_type"), ((Number) required(j, "head_init_seed", source)).longValue(), hyper);
    }

    static Object required(Map<String, Object> j, String key, String source) {
        Object v = j.get(key);
        if (v == null) throw new IllegalArgumentException(source + ": missing key \"" + key + "\"");
        return v;
    }

    private static List<?> list(Map<String, Object> j, String key, String source) {
        if (!(required(j, key, source) instanceof List<?> l)) throw new IllegalArgumentException(source + ": \"" + key + "\" must be a list");
        return l;
    }
}
