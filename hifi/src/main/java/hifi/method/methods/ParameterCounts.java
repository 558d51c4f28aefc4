package hifi.method.methods;

import hifi.engine.backend.ReferenceBackend;
import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.bert.BertParameterGroups;
import hifi.engine.nn.LoraConfig;
import hifi.engine.param.Parameter;
import hifi.engine.param.Trainable;
import hifi.engine.tensor.Storage;
import hifi.engine.tensor.Tensor;

import java.util.List;
import java.util.Locale;

/**
 * Trainable and total parameter counts of a method on a model shape, computed from the configuration alone: the model
 * is assembled over shape-only tensors (no weights are allocated), and each parameter's trainable ranges come from the
 * same {@link Trainable#ranges} the gradients use, so the counts are exactly what training will update.
 *
 * @param trainable     trainable scalars, task head included
 * @param all           every parameter of the classification model ({@code BertModel} plus the classifier), peft's
 *                      denominator
 * @param taskHead      the trainable scalars of the pooler and the classifier
 * @param bertModel     the parameters of {@code BertModel} (embeddings, encoder, pooler; not LoRA factors): the
 *                      denominator of the percentages that exclude the task head
 *                      (docs/method.md#111-counting-trainable-parameters)
 * @param savedCopies   the parameters peft holds twice: with LoRA factors in the model (a peft-wrapped model), every
 *                      other tensor that trains is one of peft's {@code modules_to_save}, whose wrapper keeps the
 *                      original module beside the trained copy, and {@code print_trainable_parameters} counts both
 */
public record ParameterCounts(long trainable, long all, long taskHead, long bertModel, long savedCopies) {

    /** The counts of {@code trainable} on a model shaped by {@code config}. */
    public static ParameterCounts of(BertConfig config, Trainable trainable) {
        return of(config, trainable, null);
    }

    /** The counts of {@code trainable} on a model shaped by {@code config}, with LoRA branches where {@code lora} targets. */
    public static ParameterCounts of(BertConfig config, Trainable trainable, LoraConfig lora) {
        BertForSequenceClassification shapes = new BertForSequenceClassification(config, ParameterCounts::shapeOnly, new ReferenceBackend(), lora);
        return of(shapes.parameters(), trainable, config.headSize());
    }

    /** The counts of {@code trainable} over {@code parameters} (a model's {@code parameters()}). */
    public static ParameterCounts of(List<Parameter> parameters, Trainable trainable, int headSize) {
        long t = 0, all = 0, head = 0, bert = 0, notLora = 0;
        boolean peftWrapped = false;
        for (Parameter p : parameters) {
            long n = p.value().numel();
            all += n;
            boolean lora = BertParameterGroups.LORA.contains(p.name());
            peftWrapped |= lora;
            boolean taskHead = p.name().startsWith("classifier.") || p.name().contains("pooler.");
            if (!p.name().startsWith("classifier.") && !lora) bert += n;
            for (Trainable.Range r : trainable.ranges(p, headSize)) {
                long k = n / p.value().dim(r.dim()) * r.length();
                t += k;
                if (taskHead) head += k;
                if (!lora) notLora += k;
            }
        }
        return new ParameterCounts(t, all, head, bert, peftWrapped ? notLora : 0);
    }

    /** peft's "all params": every parameter of the model, plus the {@link #savedCopies} its wrappers hold. */
    public long peftAll() {
        return all + savedCopies;
    }

    /** {@code 100 · trainable / peftAll}: peft's trainable percentage. */
    public double percent() {
        return 100.0 * trainable / peftAll();
    }

    /** The trainable share of {@code BertModel} without the task head, in percent (the §10.1 table's convention). */
    public double encoderPercent() {
        return 100.0 * (trainable - taskHead) / bertModel;
    }

    /** peft's {@code print_trainable_parameters()} line, character for character. */
    public String peftLine() {
        return String.format(Locale.US, "trainable params: %,d || all params: %,d || trainable%%: %.4f", trainable, peftAll(), percent());
    }

    private static Tensor shapeOnly(String name, int... shape) {
        int[] strides = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = acc;
            acc *= shape[i];
        }
        return Tensor.over(new ShapeOnly(Tensor.numel(shape)), 0, shape, strides);
    }

    /** Storage that holds no floats: enough to describe a parameter's shape. */
    private record ShapeOnly(long size) implements Storage {
    }
}
