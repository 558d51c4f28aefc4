package hifi.engine.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that decides a training run. Build one with {@link #builder()}; the defaults follow the project protocol
 * (batch 32, AdamW with weight decay 0.01, 6 % warm-up, clipping at norm 1, as the Hugging Face Trainer).
 *
 * @param microBatches         each batch is split into this many contiguous micro-batches whose gradients are summed
 *                             ({@link MicroBatches}); 1 computes the batch whole
 * @param warmupSteps          warm-up updates; {@code -1} means {@code ceil(warmupRatio · total updates)}
 * @param maxGradNorm          global-norm clipping threshold; {@code 0} disables clipping
 * @param evalEverySteps       evaluate every this many updates ({@code 0}: never mid-epoch)
 * @param patience             stop after this many evaluations without improvement ({@code 0}: never stop early)
 * @param restoreBest          at the end, put the best evaluated trainable weights back into the model
 * @param checkpointDir        where checkpoints go ({@code null}: none)
 * @param checkpointEverySteps write a checkpoint every this many updates (and at each epoch end); {@code 0}: epoch ends only
 * @param resume               continue from a checkpoint in {@code checkpointDir} (which must hold one)
 * @param resumeFrom           the checkpoint file to continue from ({@code null}: the one {@link ResumePoint#choose}
 *                             picks: the newest that verifies)
 */
public record TrainerConfig(int epochs, int batchSize, int gradientAccumulation, int microBatches, float learningRate, float weightDecay,
                            float beta1, float beta2, float eps, double warmupRatio, int warmupSteps, double maxGradNorm,
                            long seed, boolean lengthGrouped, int evalEverySteps, boolean evalEachEpoch, int patience,
                            boolean restoreBest, Path checkpointDir, int checkpointEverySteps, boolean resume,
                            Path resumeFrom) {

    public TrainerConfig {
        positive("epochs", epochs);
        positive("batch size", batchSize);
        positive("gradient accumulation", gradientAccumulation);
        positive("micro-batches", microBatches);
        if (!(learningRate >= 0)) throw new IllegalArgumentException("learning rate must be ≥ 0, got " + learningRate);
        if (!(warmupRatio >= 0 && warmupRatio <= 1)) throw new IllegalArgumentException("warm-up ratio must be in [0, 1], got " + warmupRatio);
        if (warmupSteps < -1) throw new IllegalArgumentException("warm-up steps must be ≥ 0 (or -1 for the ratio), got " + warmupSteps);
        if (!(maxGradNorm >= 0)) throw new IllegalArgumentException("max gradient norm must be ≥ 0, got " + maxGradNorm);
        if (evalEverySteps < 0 || patience < 0 || checkpointEverySteps < 0) {
            throw new IllegalArgumentException("evalEverySteps, patience and checkpointEverySteps must be ≥ 0");
        }
        if (resume && checkpointDir == null) throw new IllegalArgumentException("--resume needs a checkpoint directory");
        if (resumeFrom != null && !resume) throw new IllegalArgumentException("a checkpoint to resume from needs resume");
        new AdamW.Settings(beta1, beta2, eps, weightDecay);
    }

    public static Builder builder() {
        return new Builder();
    }

    public AdamW.Settings adamW() {
        return new AdamW.Settings(beta1, beta2, eps, weightDecay);
    }

    /** The schedule for {@code totalSteps} updates. */
    public LinearSchedule schedule(int totalSteps) {
        return warmupSteps >= 0 ? new LinearSchedule(learningRate, Math.min(warmupSteps, totalSteps), totalSteps)
                : LinearSchedule.withWarmupRatio(learningRate, warmupRatio, totalSteps);
    }

    /**
     * The settings that determine the sequence of updates, as strings; a checkpoint records them and a resume refuses
     * to continue under different ones. (Where checkpoints go and how often does not change the trajectory.)
     */
    public Map<String, String> trajectory() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("epochs", Integer.toString(epochs));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("gradient_accumulation", Integer.toString(gradientAccumulation));
        if (microBatches != 1) m.put("micro_batches", Integer.toString(microBatches));
        m.put("learning_rate", Float.toString(learningRate));
        m.put("weight_decay", Float.toString(weightDecay));
        m.put("betas", beta1 + "," + beta2);
        m.put("eps", Float.toString(eps));
        m.put("warmup", warmupSteps >= 0 ? warmupSteps + " steps" : "ratio " + warmupRatio);
        m.put("max_grad_norm", Double.toString(maxGradNorm));
        m.put("seed", Long.toString(seed));
        m.put("length_grouped", Boolean.toString(lengthGrouped));
        m.put("eval_every_steps", Integer.toString(evalEverySteps));
        m.put("eval_each_epoch", Boolean.toString(evalEachEpoch));
        m.put("patience", Integer.toString(patience));
        return m;
    }

    private static void positive(String what, int v) {
        if (v <= 0) throw new IllegalArgumentException(what + " must be > 0, got " + v);
    }

    /** Mutable collector of the settings; every setter returns {@code this}. */
    public static final class Builder {
        private int epochs = 3, batchSize = 32, gradientAccumulation = 1, microBatches = 1, warmupSteps = -1, evalEverySteps, patience, checkpointEverySteps;
        private float learningRate = 2e-5f, weightDecay = 0.01f, beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
        private double warmupRatio = 0.06, maxGradNorm = 1.0;
        private long seed = 42;
        private boolean lengthGrouped, evalEachEpoch = true, restoreBest = true, resume;
        private Path checkpointDir, resumeFrom;

        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder gradientAccumulation(int v) { gradientAccumulation = v; return this; }
        public Builder microBatches(int v) { microBatches = v; return this; }
        public Builder learningRate(float v) { learningRate = v; return this; }
        public Builder weightDecay(float v) { weightDecay = v; return this; }
        public Builder betas(float b1, float b2) { beta1 = b1; beta2 = b2; return this; }
        public Builder eps(float v) { eps = v; return this; }
        /** Warm-up as a fraction of all updates (clears a step count set earlier). */
        public Builder warmupRatio(double v) { warmupRatio = v; warmupSteps = -1; return this; }
        public Builder warmupSteps(int v) { warmupSteps = v; return this; }
        public Builder maxGradNorm(double v) { maxGradNorm = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder lengthGrouped(boolean v) { lengthGrouped = v; return this; }
        public Builder evalEverySteps(int v) { evalEverySteps = v; return this; }
        public Builder evalEachEpoch(boolean v) { evalEachEpoch = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder restoreBest(boolean v) { restoreBest = v; return this; }
        public Builder checkpointDir(Path v) { checkpointDir = v; return this; }
        public Builder checkpointEverySteps(int v) { checkpointEverySteps = v; return this; }
        public Builder resume(boolean v) { resume = v; return this; }
        /** Resumes from this checkpoint file (one {@link ResumePoint#choose} verified); {@code null}: the newest verified. */
        public Builder resumeFrom(Path file) { resumeFrom = file; resume |= file != null; return this; }

        public TrainerConfig build() {
            return new TrainerConfig(epochs, batchSize, gradientAccumulation, microBatches, learningRate, weightDecay, beta1, beta2, eps,
                    warmupRatio, warmupSteps, maxGradNorm, seed, lengthGrouped, evalEverySteps, evalEachEpoch, patience,
                    restoreBest, checkpointDir, checkpointEverySteps, resume, resumeFrom);
        }
    }
}
