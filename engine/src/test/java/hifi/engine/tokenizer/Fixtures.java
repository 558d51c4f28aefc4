package hifi.engine.tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The tokenizer test fixtures in {@code src/test/resources/tokenizer/} (see the README there). */
final class Fixtures {
    private Fixtures() {}

    /** A text pair. */
    record Pair(String first, String second) {}

    /** all-MiniLM-L6-v2's tokenizer.json (bert-base-uncased vocabulary; truncation and padding at 128). */
    static Path miniLmTokenizerJson() {
        return resource("all-minilm-l6-v2-tokenizer.json");
    }

    /** Real single sentences: CoLA dev, SST-2 dev, UCI sentiment (4,918 lines). */
    static List<String> sentences() {
        List<String> all = new ArrayList<>();
        for (String name : List.of("cola-dev.txt", "sst2-dev.txt", "uci-sentiment.txt")) all.addAll(lines(name));
        return all;
    }

    /** Real sentence pairs: RTE dev and the first 723 RTE train pairs (1,000 pairs). */
    static List<Pair> rtePairs() {
        List<Pair> pairs = new ArrayList<>();
        for (String line : lines("rte-pairs.tsv")) {
            String[] cols = line.split("\t", -1);
            if (cols.length != 2) throw new IllegalStateException("rte-pairs.tsv: not two columns: " + line);
            pairs.add(new Pair(cols[0], cols[1]));
        }
        return pairs;
    }

    static List<String> lines(String name) {
        try {
            List<String> lines = Files.readAllLines(resource(name), StandardCharsets.UTF_8);
            if (lines.isEmpty()) throw new IllegalStateException("fixture " + name + " is empty");
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        URL url = Fixtures.class.getResource("/tokenizer/" + name);
        if (url == null) throw new IllegalStateException("missing test resource tokenizer/" + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
