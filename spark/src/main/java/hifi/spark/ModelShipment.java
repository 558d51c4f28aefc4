package hifi.spark;

import hifi.engine.backend.Backend;
import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.bert.MapWeights;
import hifi.engine.io.Json;
import hifi.engine.nn.LoraConfig;
import hifi.engine.param.Parameter;
import hifi.engine.tensor.Tensor;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model as the driver holds it (config, every parameter with its task head, its LoRA branches if any, and the CPU
 * backend kind the executors compute on), in a form Spark broadcasts once to every executor. Executors rebuild it with {@link #build}: the same
 * weights bit for bit, so a micro-batch or a prediction batch computes there what it computes in the driver.
 */
final class ModelShipment implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String configJson;
    private final String backendName;
    private final String[] names;
    private final int[][] shapes;
    private final float[][] values;
    private final LoraSettings lora;

    /** The model's LoRA branches (rank, alpha, dropout, targets), so an executor builds the same modules. */
    private record LoraSettings(int r, float alpha, float dropout, String[] targets) implements Serializable {
        static LoraSettings of(LoraConfig c) {
            return c == null ? null : new LoraSettings(c.r(), c.alpha(), c.dropout(), c.targets().toArray(String[]::new));
        }

        LoraConfig config() {
            return new LoraConfig(r, alpha, dropout, List.of(targets));
        }
    }

    private ModelShipment(String configJson, String backendName, String[] names, int[][] shapes, float[][] values,
                          LoraSettings lora) {
        this.configJson = configJson;
        this.backendName = backendName;
        this.names = names;
        this.shapes = shapes;
        this.values = values;
        this.lora = lora;
    }

    /** A copy of {@code model}'s config and weights as they are now. */
    static ModelShipment of(BertForSequenceClassification model, String backendName) {
        List<Parameter> params = model.parameters();
        String[] names = new String[params.size()];
        int[][] shapes = new int[params.size()][];
        float[][] values = new float[params.size()][];
        for (int i = 0; i < names.length; i++) {
            names[i] = params.get(i).name();
            shapes[i] = params.get(i).value().shape();
            values[i] = params.get(i).value().toArray();
        }
        return new ModelShipment(Json.write(model.config().toJson()), backendName, names, shapes, values,
                LoraSettings.of(model.lora()));
    }

    String backendName() {
        return backendName;
    }

    /** A model of its own (the weights copied, never shared with another copy) computing on {@code backend}. */
    BertForSequenceClassification build(Backend backend) {
        Map<String, Tensor> tensors = new HashMap<>();
        for (int i = 0; i < names.length; i++) tensors.put(names[i], Tensor.of(values[i].clone(), shapes[i]));
        BertConfig config = BertConfig.fromJson(Json.parseObject(configJson), "the driver's model");
        return new BertForSequenceClassification(config, new MapWeights(tensors, "the driver's model"), backend,
                lora == null ? null : lora.config());
    }
}
