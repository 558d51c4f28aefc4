package hifi.method.adapter;

import hifi.engine.nn.LoraConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * peft's LoRA adapter format, both ways, as {@code PeftModel.save_pretrained} writes it for a sequence classifier and
 * {@code PeftModel.from_pretrained} reads it:
 * <ul>
 *   <li>{@code adapter_config.json}: {@code LoraConfig}'s keys ({@code peft_type "LORA"}, {@code task_type "SEQ_CLS"},
 *       {@code r}, {@code lora_alpha}, {@code lora_dropout}, {@code target_modules}, {@code modules_to_save},
 *       {@code base_model_name_or_path}, {@code bias "none"}, {@code fan_in_fan_out false}, {@code inference_mode
 *       true}, …), sorted as peft sorts them, plus what we add: {@code base_model_sha256} (a different base is refused),
 *       {@code method}, {@code id2label}, {@code problem_type}, {@code head_init_seed} and {@code hyperparameters}.
 *       peft ignores keys it does not know, with a warning.</li>
 *   <li>{@code adapter_model.safetensors}: every key is {@value #KEY_PREFIX} plus the model's parameter name (peft's
 *       {@code PeftModel} → {@code LoraModel} → model wrapping, the adapter name {@code default} removed):
 *       {@code base_model.model.bert.encoder.layer.0.attention.self.query.lora_A.weight} {@code [r, in]},
 *       {@code ….lora_B.weight} {@code [out, r]}, and each {@code modules_to_save} module's own parameters under its
 *       name: {@code base_model.model.classifier.weight}, {@code base_model.model.bert.pooler.dense.weight}, ….</li>
 * </ul>
 * A folder Python peft wrote has none of our keys: it is loaded onto the base it is given (peft records no hash), its
 * labels are {@code LABEL_i} for the classifier's rows. Settings this engine does not implement (a regular-expression
 * {@code target_modules}, a bias other than {@code none}, DoRA, rsLoRA, rank or alpha patterns, layer selection,
 * {@code fan_in_fan_out}) are refused with the key's name.
 */
public final class PeftLoraFormat {
    public static final String PEFT_TYPE = "LORA";
    public static final String KEY_PREFIX = "base_model.model.";
    /** The modules a LoRA run trains whole, as peft's {@code modules_to_save}. */
    static final List<String> MODULES_TO_SAVE = List.of("classifier", "pooler");

    private PeftLoraFormat() {
    }

    static Map<String, Object> toJson(AdapterConfig c) {
        LoraConfig l = c.lora();
        Map<String, Object> j = new LinkedHashMap<>();  // alphabetical, as peft's json.dumps(sort_keys=True)
        j.put("alpha_pattern", Map.of());
        j.put("auto_mapping", null);
        j.put("base_model_name_or_path", c.base().nameOrPath());
        j.put("base_model_sha256", c.base().sha256());
        j.put("bias", "none");
        j.put("fan_in_fan_out", false);
        j.put("head_init_seed", c.headInitSeed());
        j.put("hyperparameters", c.hyperparameters());
        Map<String, Object> id2label = new LinkedHashMap<>();
        for (int i = 0; i < c.labels().size(); i++) id2label.put(Integer.toString(i), c.labels().get(i));
        j.put("id2label", id2label);
        j.put("inference_mode", true);
        j.put("init_lora_weights", true);
        j.put("layers_pattern", null);
        j.put("layers_to_transform", null);
        j.put("lora_alpha", number(l.alpha()));
        j.put("lora_dropout", number(l.dropout()));
        j.put("method", c.method());
        j.put("modules_to_save", c.pooler() ? MODULES_TO_SAVE : List.of("classifier"));
        j.put("peft_type", PEFT_TYPE);
        j.put("problem_type", c.problemType());
        j.put("r", l.r());
        j.put("rank_pattern", Map.of());
        j.put("revision", null);
        j.put("target_modules", l.targets());
        j.put("task_type", AdapterConfig.TASK_TYPE);
        j.put("use_dora", false);
        j.put("use_rslora", false);
        return j;
    }

    /** An integral value as peft's int, otherwise the float's shortest decimal. */
    private static Object number(float f) {
        if (f == Math.rint(f) && Math.abs(f) < 1 << 24) return (long) f;
        return Double.parseDouble(Float.toString(f));
    }

    static AdapterConfig fromJson(Map<String, Object> j, String source) {
        if (!AdapterConfig.TASK_TYPE.equals(j.get("task_type"))) {
            throw new IllegalArgumentException(source + ": task_type is " + j.get("task_type") + "; only sequence classification (SEQ_CLS) adapters are supported");
        }
        refuseUnless(j, "bias", "none", source);
        for (String flag : List.of("fan_in_fan_out", "use_dora", "use_rslora")) refuseUnless(j, flag, false, source);
        for (String key : List.of("layers_to_transform", "layers_pattern", "rank_pattern", "alpha_pattern")) {
            Object v = j.get(key);
            if (v != null && !(v instanceof Map<?, ?> m && m.isEmpty()) && !(v instanceof List<?> l && l.isEmpty())) {
                throw new IllegalArgumentException(source + ": \"" + key + "\" is " + v + "; this engine supports only the same r and alpha on every targeted layer");
            }
        }
        if (!(AdapterConfig.required(j, "target_modules", source) instanceof List<?> targetList)) {
            throw new IllegalArgumentException(source + ": \"target_modules\" is a regular expression; give the module names as a list");
        }
        List<String> targets = new ArrayList<>();
        for (Object t : targetList) targets.add(String.valueOf(t));
        LoraConfig lora;
        try {
            lora = new LoraConfig(number(j, "r", source).intValue(), number(j, "lora_alpha", source).floatValue(),
                    j.get("lora_dropout") instanceof Number d ? d.floatValue() : 0f, targets);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        List<String> labels = new ArrayList<>();
        if (j.get("id2label") instanceof Map<?, ?> id2label) {
            String[] l = new String[id2label.size()];
            for (Map.Entry<?, ?> e : id2label.entrySet()) l[Integer.parseInt(e.getKey().toString())] = e.getValue().toString();
            labels.addAll(List.of(l));
        }
        List<?> modules = j.get("modules_to_save") instanceof List<?> m ? m : List.of();
        @SuppressWarnings("unchecked")
        Map<String, Object> hyper = j.get("hyperparameters") instanceof Map<?, ?> h ? (Map<String, Object>) h : Map.of();
        String name = j.get("base_model_name_or_path") instanceof String s ? s : "";
        String sha = j.get("base_model_sha256") instanceof String s ? s : null;
        return new AdapterConfig(j.get("method") instanceof String m ? m : "lora", new BaseModel.Identity(name, sha), List.of(), -1,
                null, modules.contains("pooler"), false, labels, j.get("problem_type") instanceof String p ? p : null,
                j.get("head_init_seed") instanceof Number n ? n.longValue() : 0L, hyper, lora);
    }

    private static Number number(Map<String, Object> j, String key, String source) {
        if (!(AdapterConfig.required(j, key, source) instanceof Number n)) throw new IllegalArgumentException(source + ": \"" + key + "\" must be a number");
        return n;
    }

    private static void refuseUnless(Map<String, Object> j, String key, Object supported, String source) {
        Object v = j.get(key);
        if (v != null && !v.equals(supported)) {
            throw new IllegalArgumentException(source + ": \"" + key + "\" is " + v + "; only " + supported + " is supported");
        }
    }

    /** The file key of a model parameter. */
    static String key(String parameter) {
        return KEY_PREFIX + parameter;
    }

    /** The model parameter of a file key; a key without peft's prefix is an error naming it. */
    static String parameter(String key, String source) {
        if (!key.startsWith(KEY_PREFIX)) throw new IllegalArgumentException(source + ": tensor \"" + key + "\" is not a peft key (" + KEY_PREFIX + "…)");
        return key.substring(KEY_PREFIX.length());
    }
}
