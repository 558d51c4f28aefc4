package hifi.engine.plan;

import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.bert.BertParameterGroups;
import hifi.engine.param.Parameter;
import hifi.engine.param.Trainable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resident plan of a BERT-base training step (B = 32, T = 128, fp32, AdamW through the project's trainer), full
 * fine-tuning and HiFi k = 1, on the simulated device: graph executions per step, bytes each way per step after the
 * first, and no weight going up again after the first step. The bounds are the targets of the GPU work
 * ({@code docs/engine.md}, "A resident device pass"): at most 44 executions, 1 MiB up and 64 KiB down per step.
 */
class BertTrainingPlanTest {
    private static final int B = 32, T = 128, STEPS = 3;
    private static final BertConfig BASE = new BertConfig(30522, 768, 12, 12, 3072, "gelu", 0.1f, 0.1f, 512, 2, 1e-12f, 0,
            List.of("LABEL_0", "LABEL_1"), null);

    @Test
    void fullFineTuningStepStaysResident() {
        check(Trainable.all(12, 12), 4);
    }

    @Test
    void hifiStepStaysResident() {
        Trainable.Builder b = Trainable.builder(12, 12).group(BertParameterGroups.CLASSIFIER).group(BertParameterGroups.POOLER)
                .headBiases(true).headOutput(true);
        for (int l = 0; l < 12; l++) b.head(l, l);
        check(b.build(), 3);
    }

    /** {@code idArrays}: word, type and position ids, and (when the embeddings train) the backward's position ids. */
    private static void check(Trainable trainable, int idArrays) {
        DevicePlanner planner = new DevicePlanner();
        BertForSequenceClassification model = new BertForSequenceClassification(BASE, (name, shape) -> PlannedStorage.hostTensor(shape), planner);
        List<PlanCounts> steps = TrainingPlan.perStep(planner, model, trainable, B, T, BASE.vocabSize(), STEPS);
        assertEquals(STEPS, steps.size());

        long weightBytes = 0;
        for (Parameter p : model.parameters()) {
            assertTrue(planner.isResident(p.value().storage()), p.name() + " is on the device after the first step");
            weightBytes += 4 * p.value().storage().size();
        }
        PlanCounts first = steps.get(0);
        assertTrue(first.uploadBytes() >= weightBytes, "the first step sends every weight up once: " + first);

        PlanCounts steady = steps.get(1);
        assertEquals(steady, steps.get(2), "every step after the first costs the same");
        // Up: the attention mask (a new host array each batch) is the only array; the id arrays, the labels, and a
        // parameter block per execution.
        assertEquals(1, steady.arraysUploaded(), "only the batch's mask goes up whole: " + steady);
        long tokens = (long) B * T;
        long expectedUp = 4 * tokens + 4 * tokens * idArrays + 4L * B + (long) DevicePlanner.PARAMETER_BLOCK_BYTES * steady.executions();
        assertEquals(expectedUp, steady.uploadBytes(), steady.toString());
        assertEquals(4 + 8, steady.downloadBytes(), "the loss and the squared gradient norm come down: " + steady);
        System.out.println(trainable + ": " + steady.perStepLine() + " (" + steady.tasks() + " tasks)");
        assertTrue(steady.executions() <= 44, steady.perStepLine());
        assertTrue(steady.uploadBytes() <= 1 << 20 && steady.downloadBytes() <= 64 << 10, steady.perStepLine());
    }
}
