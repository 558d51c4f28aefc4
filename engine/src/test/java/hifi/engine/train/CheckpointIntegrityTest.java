package hifi.engine.train;

import hifi.engine.bert.BertForSequenceClassification;
import hifi.engine.bert.BertParameterGroups;
import hifi.engine.data.TrainingExample;
import hifi.engine.io.ModelFormatException;
import hifi.engine.io.SafetensorsFile;
import hifi.engine.io.SafetensorsWriter;
import hifi.engine.io.TensorChecksums;
import hifi.engine.param.Parameter;
import hifi.engine.param.Trainable;
import hifi.engine.testing.Damage;
import hifi.engine.testing.SyntheticTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoints prove their integrity: damage is refused before anything is restored, a resume falls back to the
 * previous verified checkpoint (and still reproduces the uninterrupted run), and a divergence names as good only a
 * checkpoint that verifies.
 */
class CheckpointIntegrityTest {
    final List<TrainingExample> train = SyntheticTask.examples(160, 1);
    final List<TrainingExample> dev = SyntheticTask.examples(60, 2);
    final Trainable heads = Trainable.builder(2, 4).head(0, 1).head(1, 2).group(BertParameterGroups.CLASSIFIER).build();

    /** 10 updates per epoch, 2 epochs; checkpoints at 6, 10 (epoch end), 12, 18, 20. */
    TrainerConfig.Builder config(Path dir) {
        return TrainerTest.config().epochs(2).evalEverySteps(3).checkpointEverySteps(6).checkpointDir(dir);
    }

    /** A run killed at update 14: its newest checkpoint is at step 12, the previous at step 10. */
    Path crashedRun(Path dir) {
        TrainingListener crash = new TrainingListener() {
            @Override
            public void onStep(long step, int epoch, float loss, float lr, double gradNorm) {
                if (step == 14) throw new IllegalStateException("simulated crash");
            }
        };
        assertThrows(IllegalStateException.class, () -> new Trainer<>(TrainerTest.model(0.1f), heads, config(dir).build())
                .train(train, SyntheticTask.accuracy(dev), crash));
        return dir;
    }

    static String tensorStartingWith(Path file, String prefix) throws IOException {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return f.names().stream().filter(n -> n.startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    @Test
    void theNewestAndThePreviousCheckpointAreKeptAndBothVerify(@TempDir Path tmp) throws IOException {
        Path dir = crashedRun(tmp.resolve("run"));
        assertEquals(12, Checkpoint.verify(Checkpoint.file(dir)));
        assertEquals(10, Checkpoint.verify(Checkpoint.previousFile(dir)));
        ResumePoint point = ResumePoint.choose(dir);
        assertEquals(new ResumePoint(Checkpoint.file(dir), 12, null), point);
    }

    @Test
    void aDamagedNewestCheckpointFallsBackToThePreviousOneAndReproducesTheUninterruptedRun(@TempDir Path tmp) throws IOException {
        BertForSequenceClassification straight = TrainerTest.model(0.1f);
        TrainResult rs = new Trainer<>(straight, heads, config(tmp.resolve("a")).build()).train(train, SyntheticTask.accuracy(dev), null);

        Path dir = crashedRun(tmp.resolve("b"));
        String tensor = tensorStartingWith(Checkpoint.file(dir), "adamw.v/");
        Damage.flipBytes(Checkpoint.file(dir), Damage.dataOffset(Checkpoint.file(dir), tensor), 16);
        ResumePoint point = ResumePoint.choose(dir);
        assertEquals(Checkpoint.previousFile(dir), point.file());
        assertEquals(10, point.step());
        assertTrue(point.fellBack().contains(Checkpoint.file(dir).toString()) && point.fellBack().contains(tensor), point.fellBack());
        assertTrue(point.describe().contains("resuming from " + Checkpoint.previousFile(dir) + " (step 10)"), point.describe());

        BertForSequenceClassification resumed = TrainerTest.model(0.1f);
        TrainResult rr = new Trainer<>(resumed, heads, config(dir).resume(true).build()).train(train, SyntheticTask.accuracy(dev), null);
        assertEquals(rs.losses(), rr.losses());
        assertEquals(rs.evaluations(), rr.evaluations());
        TrainerTest.assertWeightsEqual(straight, resumed);
        assertEquals(20, Checkpoint.verify(Checkpoint.file(dir)), "the resumed run writes verified checkpoints again");
    }

    @ParameterizedTest
    @EnumSource(Damage.Kind.class)
    void aDamagedCheckpointWithoutAPreviousOneIsRefusedBeforeAnythingIsRestored(Damage.Kind kind, @TempDir Path tmp) throws IOException {
        Path dir = crashedRun(tmp.resolve("run"));
        Files.delete(Checkpoint.previousFile(dir));
        String tensor = tensorStartingWith(Checkpoint.file(dir), "weights/");
        Damage.inject(Checkpoint.file(dir), kind, tensor);
        Map<String, String> before = Damage.fingerprint(dir);

        var e = assertThrows(ModelFormatException.class, () -> ResumePoint.choose(dir));
        assertTrue(e.getMessage().startsWith(Checkpoint.file(dir) + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("no previous checkpoint"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        if (kind == Damage.Kind.DATA_BYTE || kind == Damage.Kind.EXPONENT_BIT) {
            assertTrue(e.getMessage().contains("tensor \"" + tensor + "\": checksum mismatch"), e.getMessage());
        }

        BertForSequenceClassification model = TrainerTest.model(0.1f);
        var refused = assertThrows(ModelFormatException.class, () -> new Trainer<>(model, heads, config(dir).resume(true).build())
                .train(train, SyntheticTask.accuracy(dev), null));
        assertTrue(refused.getMessage().startsWith(Checkpoint.file(dir) + ": "), refused.getMessage());
        TrainerTest.assertWeightsEqual(TrainerTest.model(0.1f), model);
        assertEquals(before, Damage.fingerprint(dir), "the checkpoint folder is byte-identical");
    }

    @Test
    void aDivergenceNamesAsGoodOnlyACheckpointThatVerifies(@TempDir Path tmp) {
        BertForSequenceClassification m = TrainerTest.model(0.1f);
        Parameter classifier = m.parameters().stream().filter(p -> p.name().equals("classifier.weight")).findFirst().orElseThrow();
        Path dir = tmp.resolve("run");
        TrainingListener damageAndPoison = new TrainingListener() {
            @Override
            public void onStep(long step, int epoch, float loss, float lr, double gradNorm) {
                if (step == 5) classifier.value().set(Float.NaN, 0, 0);
            }

            @Override
            public void onCheckpoint(Path file, long step) {
                try {
                    if (step == 4) Damage.inject(file, Damage.Kind.EXPONENT_BIT, tensorStartingWith(file, "weights/"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        TrainerConfig c = TrainerTest.config().checkpointDir(dir).checkpointEverySteps(2).build();
        var e = assertThrows(TrainingDivergedException.class, () -> new Trainer<>(m, Trainable.all(2, 4), c).train(train, null, damageAndPoison));
        assertEquals(6, e.step());
        assertEquals(Checkpoint.previousFile(dir), e.lastGoodCheckpoint(), e.getMessage());
        assertTrue(e.getMessage().contains("last good checkpoint: " + Checkpoint.previousFile(dir) + " (step 2)"), e.getMessage());
    }

    @Test
    void aDivergenceWithNoVerifiedCheckpointSaysSo(@TempDir Path tmp) {
        BertForSequenceClassification m = TrainerTest.model(0.1f);
        Parameter classifier = m.parameters().stream().filter(p -> p.name().equals("classifier.weight")).findFirst().orElseThrow();
        TrainingListener damageAndPoison = new TrainingListener() {
            @Override
            public void onStep(long step, int epoch, float loss, float lr, double gradNorm) {
                if (step == 3) classifier.value().set(Float.NaN, 0, 0);
            }

            @Override
            public void onCheckpoint(Path file, long step) {
                try {
                    Damage.inject(file, Damage.Kind.DATA_BYTE, tensorStartingWith(file, "adamw.m/"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        TrainerConfig c = TrainerTest.config().checkpointDir(tmp).checkpointEverySteps(2).build();
        var e = assertThrows(TrainingDivergedException.class, () -> new Trainer<>(m, Trainable.all(2, 4), c).train(train, null, damageAndPoison));
        assertNull(e.lastGoodCheckpoint());
        assertTrue(e.getMessage().contains("no checkpoint on disk passes its checksum check"), e.getMessage());
    }

    @Test
    void aCheckpointWrittenBeforeChecksumsExistedStillResumes(@TempDir Path tmp) throws IOException {
        BertForSequenceClassification straight = TrainerTest.model(0.1f);
        TrainResult rs = new Trainer<>(straight, heads, config(tmp.resolve("a")).build()).train(train, SyntheticTask.accuracy(dev), null);
        Path dir = crashedRun(tmp.resolve("b"));
        Files.delete(Checkpoint.previousFile(dir));
        stripChecksums(Checkpoint.file(dir));
        try (SafetensorsFile f = SafetensorsFile.open(Checkpoint.file(dir))) {
            assertFalse(f.verify(), "no checksums left");
        }
        BertForSequenceClassification resumed = TrainerTest.model(0.1f);
        TrainResult rr = new Trainer<>(resumed, heads, config(dir).resume(true).build()).train(train, SyntheticTask.accuracy(dev), null);
        assertEquals(rs.losses(), rr.losses());
        TrainerTest.assertWeightsEqual(straight, resumed);
    }

    /** Rewrites {@code file} as the writer did before checksums existed: the same tensors and other metadata. */
    private static void stripChecksums(Path file) throws IOException {
        SafetensorsWriter w = new SafetensorsWriter();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            f.metadata().forEach((k, v) -> {
                if (!k.startsWith(TensorChecksums.TENSOR_PREFIX) && !k.equals(TensorChecksums.HEADER_KEY)) w.metadata(k, v);
            });
            for (String n : f.names()) w.putFloats(n, f.readFloats(n), f.info(n).shape());
        }
        w.write(file);
    }
}
