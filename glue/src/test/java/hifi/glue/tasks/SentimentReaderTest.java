package hifi.glue.tasks;

import hifi.glue.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SentimentReaderTest {
    private static ReadOptions options(long seed) {
        return new ReadOptions(MalformedRowPolicy.FAIL, null, seed);
    }

    @Test
    void fixtureSplitsEightyTwentyPerDomainAndSkipsTheTerminator() throws IOException {
        Path dir = Fixtures.resource("uci-sentiment");
        TaskSplit train = TaskData.load(GlueTask.SENTIMENT, dir, "train", options(42));
        TaskSplit dev = TaskData.load(GlueTask.SENTIMENT, dir, "dev", options(42));
        assertEquals(24, train.size());
        assertEquals(6, dev.size());
        Set<String> ids = new HashSet<>();
        for (Example e : train.examples()) assertTrue(ids.add(e.id()));
        for (Example e : dev.examples()) assertTrue(ids.add(e.id()), "train and dev overlap at " + e.id());
        assertEquals(30, ids.size());
        for (String domain : SentimentReader.DOMAINS) {
            assertEquals(2, dev.examples().stream().filter(e -> e.id().startsWith(domain + "-")).count(), domain);
        }
        Example first = List.copyOf(train.examples()).stream().filter(e -> e.id().equals("amazon-1")).findFirst()
                .orElseGet(() -> dev.examples().stream().filter(e -> e.id().equals("amazon-1")).findFirst().orElseThrow());
        assertEquals("Good case, Excellent value.", first.textA());
        assertEquals(1, first.label());
        assertTrue(train.skipped().isEmpty());
    }

    @Test
    void splitIsFixedBySeedAndChangesWithIt() {
        boolean[] a = SentimentReader.trainMask(1000, 42);
        boolean[] b = SentimentReader.trainMask(1000, 42);
        boolean[] c = SentimentReader.trainMask(1000, 43);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
        int n = 0;
        for (boolean t : a) if (t) n++;
        assertEquals(800, n);
    }

    @Test
    void samplesAreFixedBySeedAndKeepFileOrder() throws IOException {
        TaskSplit train = TaskData.load(GlueTask.SENTIMENT, null, "train", options(42));
        TaskSplit a = train.sample(100, 5), b = train.sample(100, 5), c = train.sample(100, 6);
        assertEquals(100, a.size());
        assertEquals(a.examples(), b.examples());
        assertNotEquals(a.examples(), c.examples());
        List<Example> all = train.examples();
        int last = -1;
        for (Example e : a.examples()) {
            int at = all.indexOf(e);
            assertTrue(at > last, "file order kept");
            last = at;
        }
        assertSame(train, train.sample(5000, 1));
        // a permutation really is one
        int[] p = SeededShuffle.permutation(1000, 3);
        assertArrayEquals(java.util.stream.IntStream.range(0, 1000).toArray(), java.util.Arrays.stream(p).sorted().toArray());
    }

    @Test
    void bundledCopyHasAllThreeThousandSentences() throws IOException {
        TaskSplit train = TaskData.load(GlueTask.SENTIMENT, null, "train", options(42));
        TaskSplit dev = TaskData.load(GlueTask.SENTIMENT, null, "dev", options(42));
        assertEquals(2400, train.size());
        assertEquals(600, dev.size());
        long positives = train.examples().stream().filter(e -> e.label() == 1).count()
                + dev.examples().stream().filter(e -> e.label() == 1).count();
        assertEquals(1500, positives);
    }

    @Test
    void entryWithTextButNoClassIsMalformed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("amazon.json"), "[{\"text\":\"Fine.\",\"class\":1},{\"text\":\"Odd.\"},{}]");
        Files.writeString(dir.resolve("imdb.json"), "[{\"text\":\"Good.\",\"class\":1},{\"text\":\"Bad.\",\"class\":2}]");
        Files.writeString(dir.resolve("yelp.json"), "[]");
        var e = assertThrows(MalformedRowException.class, () -> TaskData.load(GlueTask.SENTIMENT, dir, "train", options(1)));
        assertEquals(dir.resolve("amazon.json") + " entry 1", e.problem().location());
        TaskSplit all = TaskData.load(GlueTask.SENTIMENT, dir, "train", new ReadOptions(MalformedRowPolicy.SKIP, null, 1));
        assertEquals(2, all.skipped().size());
        assertTrue(all.skipped().get(1).reason().contains("must be 0 or 1, found 2"));
    }
}
