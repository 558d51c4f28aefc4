package hifi.engine.train;

import hifi.engine.backend.Backend;
import hifi.engine.backend.PassScope;
import hifi.engine.backend.ResidentSet;
import hifi.engine.data.Batch;
import hifi.engine.data.TrainingExample;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.param.Trainable;
import hifi.engine.param.TrainableModel;
import hifi.engine.runtime.CounterRng;
import hifi.engine.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fine-tunes the trainable slices of a {@link TrainableModel} (e.g. {@code BertForSequenceClassification}): epochs over a seeded data order
 * ({@link BatchPlan}), gradient accumulation, global-norm clipping, AdamW with a linear warm-up/decay schedule,
 * evaluation every N updates and at each epoch end, early stopping on the dev metric, the best weights kept, and
 * atomic checkpoints from which {@link TrainerConfig#resume() a resumed run} continues bit for bit.
 *
 * @param <M> the model type, as its {@link Evaluator} sees it
 *
 * <p>Determinism: with the same seed, data, model and thread count two runs, or a run and its resumed twin, produce
 * the same losses and weights bit for bit. The Trainer adds no source of variation of its own: the data order and the
 * dropout masks are pure functions of the seed and the counters, and the gradient norm is summed in a fixed order; the
 * backends' kernels are run-to-run deterministic and thread-count independent (tests check both backends' results for
 * 1 and 2 threads).
 *
 * <p>One update: for each of up to {@code gradientAccumulation} batches, forward in train mode (dropout seed
 * {@code CounterRng.derive(seed, microStep)}) and accumulate gradients; then the gradients are averaged over the
 * batches, clipped to the global norm and applied. With {@link TrainerConfig#microBatches()} {@code P > 1} (or a
 * {@link MicroBatchExecutor}) each batch is instead cut into {@code P} contiguous {@link MicroBatches}, computed by the
 * executor, and their gradients added into the batch's with weights {@code size_j / n} in part order: the same
 * arithmetic whether the parts ran here or on a cluster. A non-finite loss or gradient norm stops the run with a
 * {@link TrainingDivergedException} before the update is applied.
 */
public final class Trainer<M extends TrainableModel> {
    private final M model;
    private final TrainerConfig config;
    private final Gradients grads;
    private final AdamW optimizer;
    private final MicroBatchExecutor microBatches;
    private final Gradients scratch;

    /** A trainer that computes everything in this process (micro-batches, when configured, in turn). */
    public Trainer(M model, Trainable trainable, TrainerConfig config) {
        this(model, trainable, config, null);
    }

    /**
     * A trainer whose batches are split into {@link TrainerConfig#microBatches()} micro-batches computed by
     * {@code executor} ({@code null}: whole batches in this process when the config asks for one micro-batch, else
     * {@link LocalMicroBatches}).
     */
    public Trainer(M model, Trainable trainable, TrainerConfig config, MicroBatchExecutor executor) {
        this.model = model;
        this.config = config;
        grads = model.allocateGradients(trainable);
        if (grads.slices().isEmpty()) throw new IllegalArgumentException("nothing to train: the trainable set is empty (" + trainable + ")");
        optimizer = new AdamW(grads, config.adamW(), model.backend());
        microBatches = executor != null ? executor : config.microBatches() > 1 ? new LocalMicroBatches(model) : null;
        scratch = microBatches == null ? null : model.allocateGradients(trainable);
    }

    public Gradients gradients() {
        return grads;
    }

    public AdamW optimizer() {
        return optimizer;
    }

    /** Updates per epoch: the micro-batches of an epoch in groups of {@code gradientAccumulation}, the last maybe smaller. */
    public int updatesPerEpoch(int examples) {
        int batches = (examples + config.batchSize() - 1) / config.batchSize();
        return (batches + config.gradientAccumulation() - 1) / config.gradientAccumulation();
    }

    /**
     * Trains on {@code data}; {@code evaluator} ({@code null}: no evaluation, no early stopping) scores the model on
     * the dev set.
     */
    public TrainResult train(List<TrainingExample> data, Evaluator<? super M> evaluator, TrainingListener listener) {
        try {
            return run(data, evaluator, listener == null ? TrainingListener.NONE : listener);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint I/O failed: " + e.getMessage(), e);
        }
    }

    private TrainResult run(List<TrainingExample> data, Evaluator<? super M> evaluator, TrainingListener listener) throws IOException {
        BatchPlan plan = BatchPlan.of(data, config.batchSize(), config.seed(), config.lengthGrouped());
        int totalSteps = config.epochs() * updatesPerEpoch(data.size());
        LinearSchedule schedule = config.schedule(totalSteps);
        String fingerprint = DataFingerprint.of(data);
        Path checkpoint = config.checkpointDir() == null ? null : Checkpoint.file(config.checkpointDir());
        Run r = new Run(data, evaluator, listener, checkpoint, fingerprint, schedule);
        if (config.resume()) r.resume();
        else if (checkpoint != null) Files.createDirectories(config.checkpointDir());

        try (ResidentSet resident = model.backend().keepResident(residentTensors())) {
            r.resident = resident;
            r.epochs(plan);
        }
        if (config.restoreBest() && r.best != null) r.best.restoreInto(grads);
        TrainingState s = r.state;
        return new TrainResult(s.step, List.copyOf(s.losses), List.copyOf(s.evaluations), s.bestMetric, s.bestStep, s.stoppedEarly);
    }

    /** What lives as long as the run: every weight, the gradients, the optimiser's moments. */
    private List<Tensor> residentTensors() {
        List<Tensor> t = new ArrayList<>();
        for (Parameter p : model.parameters()) t.add(p.value());
        for (Gradients.Slice s : grads.slices()) t.add(s.grad());
        if (scratch != null) for (Gradients.Slice s : scratch.slices()) t.add(s.grad());
        t.addAll(optimizer.firstMoments());
        t.addAll(optimizer.secondMoments());
        return t;
    }

    /** The mutable side of one {@link #train} call. */
    private final class Run {
        final List<TrainingExample> data;
        final Evaluator<? super M> evaluator;
        final TrainingListener listener;
        final Path checkpoint;
        final String fingerprint;
        final LinearSchedule schedule;
        TrainingState state = new TrainingState();
        SliceSnapshot best;
        long checkpointStep = -1;
        ResidentSet resident = ResidentSet.NONE;

        Run(List<TrainingExample> data, Evaluator<? super M> evaluator, TrainingListener listener, Path checkpoint, String fingerprint,
            LinearSchedule schedule) {
            this.data = data;
            this.evaluator = evaluator;
            this.listener = listener;
            this.checkpoint = checkpoint;
            this.fingerprint = fingerprint;
            this.schedule = schedule;
        }

        /** The epochs, from the state's position on: updates, evaluations, checkpoints, early stopping. */
        void epochs(BatchPlan plan) throws IOException {
            int[][] batches = null;
            while (state.epoch < config.epochs() && !state.stoppedEarly) {
                if (batches == null) batches = plan.epoch(state.epoch);
                if (state.batchInEpoch < batches.length) {
                    update(batches);
                    if (config.evalEverySteps() > 0 && state.step % config.evalEverySteps() == 0) evaluate();
                    if (checkpoint != null && config.checkpointEverySteps() > 0 && state.step % config.checkpointEverySteps() == 0) save();
                    continue;
                }
                state.epoch++;
                state.batchInEpoch = 0;
                batches = null;
                if (config.evalEachEpoch() && state.lastEvalStep != state.step) evaluate();
                if (checkpoint != null) save();
            }
        }

        /** Restores the run from the checkpoint the config names, else from the newest that verifies. */
        void resume() throws IOException {
            Path from = config.resumeFrom();
            if (from == null) {
                ResumePoint point = ResumePoint.choose(config.checkpointDir());
                if (point == null) throw new IllegalArgumentException("--resume: no checkpoint at " + checkpoint);
                from = point.file();
            }
            Checkpoint.removeStaleTemporaries(config.checkpointDir());
            SliceSnapshot[] b = new SliceSnapshot[1];
            state = Checkpoint.load(from, grads, optimizer, b, config.trajectory(), fingerprint);
            best = b[0];
            checkpointStep = state.step;
        }

        /** One optimiser update over the next micro-batches of the epoch. */
        void update(int[][] batches) {
            long step = state.step + 1;
            int count = Math.min(config.gradientAccumulation(), batches.length - state.batchInEpoch);
            grads.zero(model.backend());
            double lossSum = 0;
            for (int j = 0; j < count; j++) {
                if (microBatches != null) {
                    lossSum += accumulateMicroBatches(batches[state.batchInEpoch + j], state.microStep + j, step);
                    continue;
                }
                var batch = model.collate(data, batches[state.batchInEpoch + j]);
                try (PassScope scope = model.backend().openPass()) {
                    float loss = model.trainStep(batch, CounterRng.derive(config.seed(), state.microStep + j), grads);
                    if (!Float.isFinite(loss)) diverged(step, "loss is " + loss + " (epoch " + state.epoch + ", batch " + (state.batchInEpoch + j) + ")");
                    lossSum += loss;
                }
            }
            float average = 1f / count;
            double norm = GradientNorm.global(model.backend(), grads) * average;
            if (!Double.isFinite(norm)) diverged(step, "gradient norm is " + norm);
            float lr = schedule.lr(state.step);
            optimizer.step(model.backend(), lr, average * GradientNorm.clipFactor(norm, config.maxGradNorm()));
            float loss = (float) (lossSum / count);
            state.step = step;
            state.microStep += count;
            state.batchInEpoch += count;
            state.losses.add(loss);
            listener.onStep(step, state.epoch, loss, lr, norm);
        }

        /**
         * Adds the gradient of one batch's mean loss into {@link #grads}: the batch's {@link MicroBatches} computed by
         * the executor, each part's gradients added with its weight, in part order. Returns the batch's mean loss.
         */
        double accumulateMicroBatches(int[] batch, long microStep, long step) {
            int[][] parts = MicroBatches.split(batch, config.microBatches());
            List<Batch> collated = new ArrayList<>(parts.length);
            long[] seeds = new long[parts.length];
            for (int k = 0; k < parts.length; k++) {
                collated.add(model.collate(data, parts[k]));
                seeds[k] = MicroBatches.seed(config.seed(), microStep, k);
            }
            double[] loss = {0};
            Backend be = model.backend();
            microBatches.run(collated, seeds, grads, scratch, (k, partLoss, partGrads) -> {
                if (!Float.isFinite(partLoss)) diverged(step, "loss is " + partLoss + " (epoch " + state.epoch + ", micro-step " + microStep + ", part " + k + ")");
                float w = MicroBatches.weight(parts[k].length, batch.length);
                loss[0] += (double) w * partLoss;
                List<Gradients.Slice> into = grads.slices(), from = partGrads.slices();
                for (int i = 0; i < into.size(); i++) be.axpy(w, from.get(i).grad(), into.get(i).grad());
            });
            return loss[0];
        }

        /** Stops the run, naming as good only a checkpoint on disk that passes its check. */
        void diverged(long step, String what) {
            ResumePoint good = checkpointStep >= 0 ? ResumePoint.lastGood(config.checkpointDir()) : null;
            throw new TrainingDivergedException(step, what, good == null ? null : good.file(), good == null ? checkpointStep : good.step());
        }

        void evaluate() {
            if (evaluator == null) return;
            double metric = evaluator.evaluate(model);
            boolean improved = Double.isNaN(state.bestMetric) || metric > state.bestMetric;
            if (improved) {
                state.bestMetric = metric;
                state.bestStep = state.step;
                state.badEvaluations = 0;
                resident.synchronize();
                best = SliceSnapshot.of(grads);
            } else {
                state.badEvaluations++;
                if (config.patience() > 0 && state.badEvaluations >= config.patience()) state.stoppedEarly = true;
            }
            state.lastEvalStep = state.step;
            Evaluation e = new Evaluation(state.step, state.epoch, metric, improved);
            state.evaluations.add(e);
            listener.onEvaluation(e);
        }

        void save() throws IOException {
            resident.synchronize();
            Checkpoint.save(checkpoint, state, grads, optimizer, best, config.trajectory(), fingerprint);
            checkpointStep = state.step;
            listener.onCheckpoint(checkpoint, state.step);
        }
    }
}
