package hifi.bench;

import hifi.engine.bert.BertConfig;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.param.Trainable;
import hifi.engine.plan.DevicePlanner;
import hifi.engine.plan.PlanCounts;
import hifi.engine.plan.PlannedStorage;
import hifi.engine.plan.TrainingPlan;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The resident device plan of a BERT-base training step, without a device ({@link DevicePlanner}): for HiFi k = 1 and
 * full fine-tuning, the graphs one steady-state step executes (tasks, why each ends, bytes each way, its commonest
 * ops) and the step's totals. The last line is full fine-tuning's
 * {@code executions/step: N bytes-up/step: U bytes-down/step: D}. Weights are shapes only: nothing is computed.
 *
 * <p>Usage: {@code GpuPlanHarness [--batch 32] [--seq 128] [--steps 3] [--max-tasks 256]}
 */
public final class GpuPlanHarness {
    private GpuPlanHarness() {
    }

    public static void main(String[] args) {
        BenchArgs a = new BenchArgs(args, "GpuPlanHarness [--batch 32] [--seq 128] [--steps 3] [--max-tasks 256]",
                List.of("batch", "seq", "steps", "max-tasks"));
        int b = a.integer("batch", 32), t = a.integer("seq", 128), steps = a.integer("steps", 3);
        int maxTasks = a.integer("max-tasks", DevicePlanner.DEFAULT_MAX_TASKS);
        if (steps < 2) throw new IllegalArgumentException("--steps: at least 2 (the first step uploads the weights)");
        BertConfig cfg = BenchModels.bertBase(0.1f);
        System.out.printf("# BERT-base B=%d T=%d, fp32, AdamW, dropout 0.1; simulated device, ≤ %d tasks per graph%n", b, t, maxTasks);
        PlanCounts full = null;
        for (String method : List.of("hifi", "full")) {
            Trainable trainable = method.equals("full") ? Trainable.all(cfg.numHiddenLayers(), cfg.numAttentionHeads())
                    : BenchModels.hifiOneHeadPerLayer(cfg);
            DevicePlanner planner = new DevicePlanner(maxTasks);
            var model = new BertForSequenceClassification(cfg, (name, shape) -> PlannedStorage.hostTensor(shape), planner);
            List<PlanCounts> perStep = TrainingPlan.perStep(planner, model, trainable, b, t, cfg.vocabSize(), steps);
            PlanCounts last = perStep.get(steps - 1);
            int end = planner.graphs().size();   // the last update's interval ends the run (its optimiser graph waits)
            System.out.printf("%n## %s: step 1 %s%n%n| graph | tasks | ends at | bytes up | bytes down | commonest ops |%n|---:|---:|---|---:|---:|---|%n",
                    method, perStep.get(0).perStepLine());
            List<DevicePlanner.Graph> graphs = planner.graphs().subList(end - (int) last.executions(), end);
            for (int i = 0; i < graphs.size(); i++) {
                DevicePlanner.Graph g = graphs.get(i);
                System.out.printf("| %d | %d | %s | %d | %d | %s |%n", i + 1, g.tasks(), g.end(), g.uploadBytes(), g.downloadBytes(), commonest(g.ops()));
            }
            System.out.printf(Locale.ROOT, "%n%s, step %d: %s (%d tasks, %d host arrays up, GEMMs %.1f GFLOP: %.1f ms at 25 TFLOP/s)%n", method, steps,
                    last.perStepLine(), last.tasks(), last.arraysUploaded(), last.gemmFlops() / 1e9, last.gemmFlops() / 25e9);
            if (method.equals("full")) full = last;
        }
        System.out.println(full.perStepLine());
    }

    private static String commonest(Map<String, Integer> ops) {
        return ops.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(4)
                .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }
}
