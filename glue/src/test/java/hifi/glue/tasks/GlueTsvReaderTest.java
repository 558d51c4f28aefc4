package hifi.glue.tasks;

import hifi.glue.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class GlueTsvReaderTest {
    private static final ReadOptions STRICT = new ReadOptions(MalformedRowPolicy.FAIL, null, 42);

    private static TaskSplit read(GlueTask task, String split) throws IOException {
        return TaskData.load(task, Fixtures.glueData(), split, STRICT);
    }

    @Test
    void rteRowsKeepTextsLabelsAndLiteralQuotes() throws IOException {
        TaskSplit dev = read(GlueTask.RTE, "dev");
        assertEquals(7, dev.size());
        Example first = dev.examples().getFirst();
        assertEquals("0", first.id());
        assertTrue(first.textA().startsWith("Dana Reeve, the widow of the actor Christopher Reeve"));
        assertEquals("Christopher Reeve had an accident.", first.textB());
        assertEquals(GlueTask.RTE.labelIndex("not_entailment"), first.label());
        Example quoted = dev.examples().get(6);
        assertEquals("6", quoted.id());
        assertTrue(quoted.textA().contains("irreconcilable differences\" as the reason"), quoted.textA());
        assertTrue(Float.isNaN(first.target()));
    }

    @Test
    void colaHasNoHeaderAndItsDevFileNoFinalNewline() throws IOException {
        TaskSplit train = read(GlueTask.COLA, "train");
        assertEquals(4, train.size());
        assertEquals("Our friends won't buy this analysis, let alone the next one we propose.", train.examples().get(0).textA());
        assertEquals("Susan whispered \"Shut up\".", train.examples().get(2).textA());
        assertNull(train.examples().get(0).textB());
        assertEquals("0", train.examples().get(0).id());

        TaskSplit dev = read(GlueTask.COLA, "dev");
        assertEquals(List.of(0, 1, 1), dev.examples().stream().map(Example::label).toList());
        assertEquals("John talked to Bill about himself.", dev.examples().get(2).textA());
    }

    @Test
    void sst2KeepsTrailingSpacesOfTheOriginal() throws IOException {
        TaskSplit train = read(GlueTask.SST2, "train");
        assertEquals(3, train.size());
        assertEquals("hide new secretions from the parental units ", train.examples().get(0).textA());
        assertEquals(0, train.examples().get(0).label());
    }

    @Test
    void testSplitsAreUnlabelledAndUseTheIndexColumn() throws IOException {
        for (GlueTask task : GlueTask.values()) {
            for (String split : task.testSplits()) {
                TaskSplit test = read(task, split);
                assertFalse(test.examples().isEmpty(), task + " " + split);
                for (int i = 0; i < test.size(); i++) {
                    Example e = test.examples().get(i);
                    assertEquals(Example.NO_LABEL, e.label());
                    assertTrue(Float.isNaN(e.target()));
                    assertFalse(e.hasGold());
                    assertEquals(Integer.toString(i), e.id(), task + " " + split);
                    assertEquals(task.isPair(), e.isPair(), task + " " + split);
                }
            }
        }
    }

    @Test
    void everyLabelledSplitOfEveryGlueTaskReads() throws IOException {
        for (GlueTask task : GlueTask.values()) {
            if (!task.isGlue()) continue;
            for (String split : task.splits()) {
                if (!task.layout(split).labelled()) continue;
                TaskSplit s = read(task, split);
                assertFalse(s.examples().isEmpty(), task + " " + split);
                assertTrue(s.labelled(), task + " " + split);
                for (Example e : s.examples()) assertEquals(task.isPair(), e.isPair(), task + " " + split);
            }
        }
    }

    @Test
    void mrpcBomIsDroppedAndColumnsMapped() throws IOException {
        TaskSplit train = read(GlueTask.MRPC, "train");
        assertEquals(2, train.size());
        Example e = train.examples().get(1);
        assertEquals("1", e.id());
        assertEquals(0, e.label());
        assertEquals("The bakery opens at \" seven \" on weekdays .", e.textA());
        assertEquals("The library closes early on Sundays .", e.textB());
    }

    @Test
    void stsbScoresAreRegressionTargets() throws IOException {
        TaskSplit train = read(GlueTask.STSB, "train");
        assertEquals(4.75f, train.examples().get(0).target());
        assertEquals(0.2f, train.examples().get(1).target());
        assertEquals(Example.NO_LABEL, train.examples().get(0).label());
        assertEquals("A child rides a green bicycle.", train.examples().get(0).textA());
        assertEquals("A kid is riding a green bike.", train.examples().get(0).textB());
    }

    @Test
    void mnliAndQqpAndQnliAndWnliColumns() throws IOException {
        TaskSplit mnli = read(GlueTask.MNLI, "train");
        assertEquals(List.of(1, 0, 2), mnli.examples().stream().map(Example::label).toList());
        assertEquals("The lamp was left on all night.", mnli.examples().get(0).textA());
        assertEquals("The lamp was on.", mnli.examples().get(0).textB());
        assertEquals(List.of(1, 2), read(GlueTask.MNLI, "dev_mismatched").examples().stream().map(Example::label).toList());
        assertEquals("MNLI-mm.tsv", GlueTask.MNLI.layout("test_mismatched").submissionFile());

        Example qqp = read(GlueTask.QQP, "dev").examples().get(0);
        assertEquals("21", qqp.id());
        assertEquals("What do owls eat?", qqp.textA());
        assertEquals(1, qqp.label());

        Example qnli = read(GlueTask.QNLI, "dev").examples().get(0);
        assertEquals("\"What colour is the barn?", qnli.textA());
        assertEquals(0, qnli.label());

        assertEquals(List.of(1, 0), read(GlueTask.WNLI, "dev").examples().stream().map(Example::label).toList());
    }

    @Test
    void missingFileNamesTheExpectedLayout(@TempDir Path dir) {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> TaskData.load(GlueTask.RTE, dir, "dev", STRICT));
        assertTrue(e.getMessage().contains("RTE/dev.tsv"), e.getMessage());
    }

    @Test
    void unknownSplitListsTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> read(GlueTask.MNLI, "dev"));
        assertTrue(e.getMessage().contains("dev_matched"), e.getMessage());
    }

    // ------------------------------------------------------------------ malformed rows

    private static Path writeRte(Path root, String split, String content) throws IOException {
        Path file = root.resolve("RTE").resolve(split + ".tsv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private static final String RTE_BAD = """
            index\tsentence1\tsentence2\tlabel
            0\tA cat sat.\tA cat sits.\tentailment
            1\tOnly two columns here.
            2\tA dog ran.\tA dog runs.\tmaybe
            3\tA bird sang.\tNo bird.\tnot_entailment
            """;

    @Test
    void failPolicyNamesFileAndLine(@TempDir Path root) throws IOException {
        Path file = writeRte(root, "dev", RTE_BAD);
        var e = assertThrows(MalformedRowException.class, () -> TaskData.load(GlueTask.RTE, root, "dev", STRICT));
        assertEquals(file + ":3", e.problem().location());
        assertTrue(e.getMessage().contains("expected 4 tab-separated columns, found 2"), e.getMessage());
    }

    @Test
    void skipPolicyCountsAndPrints(@TempDir Path root) throws IOException {
        Path file = writeRte(root, "dev", RTE_BAD);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var options = new ReadOptions(MalformedRowPolicy.SKIP, new PrintStream(bytes, true, StandardCharsets.UTF_8), 42);
        TaskSplit dev = TaskData.load(GlueTask.RTE, root, "dev", options);
        assertEquals(List.of("0", "3"), dev.examples().stream().map(Example::id).toList());
        assertEquals(2, dev.skipped().size());
        assertEquals(file + ":4", dev.skipped().get(1).location());
        assertTrue(dev.skipped().get(1).reason().contains("unknown label 'maybe'"));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("skipped 2 malformed rows in " + file), printed);
        assertTrue(printed.contains(file + ":3: expected 4"), printed);
    }

    @Test
    void unparsableScoreIsMalformed(@TempDir Path root) throws IOException {
        Path file = root.resolve("STS-B/dev.tsv");
        Files.createDirectories(file.getParent());
        String header = "index\tgenre\tfilename\tyear\told_index\tsource1\tsource2\tsentence1\tsentence2\tscore\n";
        Files.writeString(file, header + "0\tg\tf\ty\to\ts\ts\tOne.\tTwo.\t4.0\n1\tg\tf\ty\to\ts\ts\tOne.\tTwo.\tfour\n"
                + "2\tg\tf\ty\to\ts\ts\tOne.\tTwo.\tNaN\n");
        var e = assertThrows(MalformedRowException.class, () -> TaskData.load(GlueTask.STSB, root, "dev", STRICT));
        assertEquals(file + ":3", e.problem().location());
        assertTrue(e.getMessage().contains("score 'four'"), e.getMessage());
        TaskSplit s = TaskData.load(GlueTask.STSB, root, "dev", new ReadOptions(MalformedRowPolicy.SKIP, null, 42));
        assertEquals(1, s.size());
        assertEquals(2, s.skipped().size());
        assertEquals(file + ":4", s.skipped().get(1).location());
    }

    @Test
    void wrongHeaderAlwaysFails(@TempDir Path root) throws IOException {
        writeRte(root, "test", "index\tsentence1\tsentence2\tlabel\n0\ta\tb\tentailment\n");
        var options = new ReadOptions(MalformedRowPolicy.SKIP, null, 42);
        IOException e = assertThrows(IOException.class, () -> TaskData.load(GlueTask.RTE, root, "test", options));
        assertTrue(e.getMessage().contains(":1: header has 4 columns, expected 3"), e.getMessage());
    }

    @Test
    void crlfLineEndingsAndBlankFinalLineHandled(@TempDir Path root) throws IOException {
        writeRte(root, "dev", "index\tsentence1\tsentence2\tlabel\r\n0\tA.\tB.\tentailment\r\n1\tC.\tD.\tnot_entailment");
        TaskSplit dev = TaskData.load(GlueTask.RTE, root, "dev", STRICT);
        assertEquals(List.of(0, 1), dev.examples().stream().map(Example::label).toList());
        assertEquals("B.", dev.examples().get(0).textB());
    }

    @Test
    void invalidUtf8IsAnErrorNamingTheFile(@TempDir Path root) throws IOException {
        Path file = writeRte(root, "dev", "");
        Files.write(file, new byte[]{'i', '\t', 'a', '\t', 'b', '\t', 'l', '\n', '0', '\t', (byte) 0xC3, (byte) 0x28, '\t', 'x', '\t', 'e', '\n'});
        IOException e = assertThrows(IOException.class, () -> TaskData.load(GlueTask.RTE, root, "dev", STRICT));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("UTF-8"), e.getMessage());
    }
}
