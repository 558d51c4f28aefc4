package hifi.engine.train;

import hifi.engine.backend.Backends;
import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.bert.BertParameterGroups;
import hifi.engine.data.TrainingExample;
import hifi.engine.io.SafetensorsWriter;
import hifi.engine.param.Parameter;
import hifi.engine.param.Trainable;
import hifi.engine.testing.SyntheticTask;

import java.nio.file.Path;
import java.util.List;

/**
 * A small training program for the kill-and-resume test: trains the tiny random BERT (two heads, pooler and
 * classifier) on the synthetic task with a checkpoint every 2 updates, prints {@code checkpoint <step>} after each,
 * and writes every model weight to {@code <dir>/final.safetensors}.
 *
 * <p>Arguments: {@code <checkpoint dir> <threads> <sleep ms per update> [--resume]}. The sleep only slows the run down
 * so that a test can kill it in the middle; it does not change any number.
 */
public final class ResumeMain {
    public static void main(String[] args) throws Exception {
        run(Path.of(args[0]), Integer.parseInt(args[1]), Long.parseLong(args[2]), args.length > 3 && args[3].equals("--resume"), true);
    }

    static void run(Path dir, int threads, long sleepMs, boolean resume, boolean print) throws Exception {
        BertForSequenceClassification model = SyntheticTask.model(SyntheticTask.config(0.1f), 11, Backends.byName("simd", threads));
        Trainable trainable = Trainable.builder(2, 4).head(0, 2).head(1, 0).group(BertParameterGroups.POOLER)
                .group(BertParameterGroups.CLASSIFIER).build();
        TrainerConfig config = TrainerConfig.builder().epochs(3).batchSize(8).learningRate(3e-3f).warmupRatio(0.1).seed(5)
                .lengthGrouped(true).gradientAccumulation(2).evalEverySteps(4).patience(0).checkpointDir(dir)
                .checkpointEverySteps(2).resume(resume).build();
        List<TrainingExample> data = SyntheticTask.examples(128, 21);
        Evaluator<BertForSequenceClassification> dev = SyntheticTask.accuracy(SyntheticTask.examples(40, 22));
        new Trainer<>(model, trainable, config).train(data, dev, new TrainingListener() {
            @Override
            public void onStep(long step, int epoch, float loss, float lr, double gradNorm) {
                if (sleepMs > 0) {
                    try {
                        Thread.sleep(sleepMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void onCheckpoint(Path file, long step) {
                if (print) {
                    System.out.println("checkpoint " + step);
                    System.out.flush();
                }
            }
        });
        SafetensorsWriter out = new SafetensorsWriter();
        for (Parameter p : model.parameters()) out.putFloats(p.name(), p.value().toArray(), p.value().shape());
        out.write(dir.resolve("final.safetensors"));
        if (print) System.out.println("done");
    }
}
