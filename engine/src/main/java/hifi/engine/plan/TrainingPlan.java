package hifi.engine.plan;

import hifi.engine.data.TrainingExample;
import hifi.engine.param.Trainable;
import hifi.engine.param.TrainableModel;
import hifi.engine.train.Trainer;
import hifi.engine.train.TrainerConfig;
import hifi.engine.train.TrainingListener;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs the project's {@link Trainer} (AdamW, clipping, the same loop as {@code hifi train}) for a few updates on a
 * model built over a {@link DevicePlanner}, and returns what each update cost the planned device. Update 1 includes
 * the first uploads of the weights; from update 2 on the counts are the steady state (each interval runs from one
 * update's end to the next, so it holds the previous update's optimiser graph and this update's passes).
 */
public final class TrainingPlan {
    private TrainingPlan() {
    }

    /**
     * The counts of {@code steps} updates of {@code model} (built on {@code planner}) with {@code trainable} trainable,
     * on batches of {@code batchSize} random full-length sequences of {@code seqLen} tokens from a vocabulary of
     * {@code vocab} ids (two labels), no gradient accumulation.
     */
    public static List<PlanCounts> perStep(DevicePlanner planner, TrainableModel model, Trainable trainable, int batchSize, int seqLen,
                                           int vocab, int steps) {
        if (model.backend() != planner) throw new IllegalArgumentException("TrainingPlan: the model must be built on the planner");
        TrainerConfig config = TrainerConfig.builder().epochs(1).batchSize(batchSize).learningRate(1e-4f).evalEachEpoch(false)
                .restoreBest(false).seed(1).build();
        Trainer<TrainableModel> trainer = new Trainer<>(model, trainable, config);
        List<PlanCounts> marks = new ArrayList<>();
        marks.add(planner.counts());
        trainer.train(examples(steps * batchSize, seqLen, vocab), null, new TrainingListener() {
            @Override
            public void onStep(long step, int epoch, float loss, float lr, double gradNorm) {
                marks.add(planner.counts());
            }
        });
        List<PlanCounts> out = new ArrayList<>(steps);
        for (int i = 1; i < marks.size(); i++) out.add(marks.get(i).minus(marks.get(i - 1)));
        return out;
    }

    private static List<TrainingExample> examples(int n, int seqLen, int vocab) {
        SplittableRandom r = new SplittableRandom(7);
        List<TrainingExample> data = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int[] ids = new int[seqLen], types = new int[seqLen];
            for (int j = 0; j < seqLen; j++) {
                ids[j] = 1 + r.nextInt(vocab - 1);
                types[j] = j < seqLen / 2 ? 0 : 1;
            }
            data.add(TrainingExample.classification(ids, types, r.nextInt(2)));
        }
        return data;
    }
}
