package hifi.glue.predict;

import hifi.glue.Fixtures;
import hifi.glue.tasks.GlueTask;
import hifi.glue.tasks.MalformedRowPolicy;
import hifi.glue.tasks.ReadOptions;
import hifi.glue.tasks.TaskData;
import hifi.glue.tasks.TaskSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SubmissionWriterTest {
    private static final ReadOptions STRICT = new ReadOptions(MalformedRowPolicy.FAIL, null, 42);

    private static TaskSplit test(GlueTask task, String split) throws IOException {
        return TaskData.load(task, Fixtures.glueData(), split, STRICT);
    }

    @Test
    void rteWritesLabelNamesUnderTheIndexColumn(@TempDir Path out) throws IOException {
        TaskSplit rte = test(GlueTask.RTE, "test");
        Path file = SubmissionWriter.writeClasses(out, GlueTask.RTE, "test", rte.examples(), new int[]{1, 0});
        assertEquals(out.resolve("RTE.tsv"), file);
        assertEquals("index\tprediction\n0\tnot_entailment\n1\tentailment\n", Files.readString(file));
        try (var listing = Files.list(out)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file left behind");
        }
    }

    @Test
    void mnliMismatchedAndBinaryTasks(@TempDir Path out) throws IOException {
        TaskSplit mm = test(GlueTask.MNLI, "test_mismatched");
        Path file = SubmissionWriter.writeClasses(out, GlueTask.MNLI, "test_mismatched", mm.examples(), new int[]{2, 0});
        assertEquals("MNLI-mm.tsv", file.getFileName().toString());
        assertEquals("index\tprediction\n0\tneutral\n1\tcontradiction\n", Files.readString(file));

        TaskSplit cola = test(GlueTask.COLA, "test");
        Path c = SubmissionWriter.writeClasses(out, GlueTask.COLA, "test", cola.examples(), new int[]{1, 0});
        assertEquals("index\tprediction\n0\t1\n1\t0\n", Files.readString(c));
    }

    @Test
    void stsbWritesPlainDecimals(@TempDir Path out) throws IOException {
        TaskSplit sts = test(GlueTask.STSB, "test");
        Path file = SubmissionWriter.writeScores(out, GlueTask.STSB, "test", sts.examples(), new float[]{4.25f, 1.0E-4f});
        assertEquals("index\tprediction\n0\t4.25\n1\t0.0001\n", Files.readString(file));
        assertThrows(IllegalArgumentException.class,
                () -> SubmissionWriter.writeScores(out, GlueTask.STSB, "test", sts.examples(), new float[]{Float.NaN, 1}));
    }

    @Test
    void mismatchesAreErrorsAndLeaveNoFile(@TempDir Path out) throws IOException {
        TaskSplit rte = test(GlueTask.RTE, "test");
        assertThrows(IllegalArgumentException.class,
                () -> SubmissionWriter.writeClasses(out, GlueTask.RTE, "test", rte.examples(), new int[]{1}));
        assertThrows(IllegalArgumentException.class,
                () -> SubmissionWriter.writeClasses(out, GlueTask.RTE, "test", rte.examples(), new int[]{1, 2}));
        assertThrows(IllegalArgumentException.class, () -> SubmissionWriter.fileName(GlueTask.RTE, "dev"));
        try (var listing = Files.list(out)) {
            assertEquals(0, listing.count());
        }
    }

    @Test
    void rewriteReplacesTheOldFileWhole(@TempDir Path out) throws IOException {
        TaskSplit rte = test(GlueTask.RTE, "test");
        SubmissionWriter.writeClasses(out, GlueTask.RTE, "test", rte.examples(), new int[]{1, 1});
        Path file = SubmissionWriter.writeClasses(out, GlueTask.RTE, "test", rte.examples(), new int[]{0, 0});
        assertEquals("index\tprediction\n0\tentailment\n1\tentailment\n", Files.readString(file));
    }
}
