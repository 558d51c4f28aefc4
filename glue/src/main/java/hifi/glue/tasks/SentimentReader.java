package hifi.glue.tasks;

import hifi.engine.io.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the UCI sentiment labelled sentences ({@code amazon.json}, {@code imdb.json}, {@code yelp.json}: JSON arrays
 * of {@code {"text": ..., "class": 0|1}}) as the {@link GlueTask#SENTIMENT} task, either from a folder or from the
 * copy bundled in this module. An entry with neither text nor class (each file ends with one) is the format's
 * terminator and is skipped; any other entry without a 0/1 class or without text is a malformed row.
 *
 * <p>Split: within each file, the valid entries are put in a {@link SeededShuffle} order (the same on every JVM);
 * the first {@code n − n/5} go to {@code train}, the rest to {@code dev}. Both splits keep file order within each
 * domain. Ids are {@code <domain>-<entry index>}.
 */
public final class SentimentReader {
    /** The three domains, in the order their examples are concatenated. */
    public static final List<String> DOMAINS = List.of("amazon", "imdb", "yelp");

    private static final String BUNDLED = "/hifi/glue/data/uci-sentiment/";

    private SentimentReader() {
    }

    /**
     * Reads {@code split} ({@code train} or {@code dev}).
     *
     * @param dir folder holding the three JSON files, or null for the bundled copy
     */
    public static TaskSplit read(Path dir, String split, ReadOptions options) throws IOException {
        boolean train = switch (split) {
            case "train" -> true;
            case "dev" -> false;
            default -> throw new IllegalArgumentException("task sentiment has no split '" + split + "' (splits: train, dev)");
        };
        RowProblems problems = new RowProblems(options.policy());
        List<Example> out = new ArrayList<>();
        for (String domain : DOMAINS) {
            String source = dir == null ? "classpath:" + BUNDLED + domain + ".json" : dir.resolve(domain + ".json").toString();
            List<Example> all = parse(domain, source, load(dir, domain), problems);
            boolean[] inTrain = trainMask(all.size(), options.sentimentSeed());
            for (int i = 0; i < all.size(); i++) if (inTrain[i] == train) out.add(all.get(i));
        }
        String where = dir == null ? "classpath:" + BUNDLED : dir.toString();
        problems.printSummary(where, options.warnings());
        return new TaskSplit(GlueTask.SENTIMENT, split, where, out, problems.skipped());
    }

    /** Which of {@code n} entries belong to the training part (exactly {@code n − n/5} of them) for this seed. */
    static boolean[] trainMask(int n, long seed) {
        return SeededShuffle.chosen(n, n - n / 5, seed);
    }

    private static String load(Path dir, String domain) throws IOException {
        if (dir != null) {
            Path file = dir.resolve(domain + ".json");
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "the sentiment folder must hold "
                        + String.join(".json, ", DOMAINS) + ".json");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        try (InputStream in = SentimentReader.class.getResourceAsStream(BUNDLED + domain + ".json")) {
            if (in == null) throw new IOException("bundled sentiment data missing from the jar: " + BUNDLED + domain + ".json");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Example> parse(String domain, String source, String json, RowProblems problems)
            throws IOException {
        Object root;
        try {
            root = Json.parse(json.startsWith("\uFEFF") ? json.substring(1) : json);
        } catch (Json.JsonException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        if (!(root instanceof List<?> entries)) throw new IOException(source + ": expected a JSON array at the top level");
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = source + " entry " + i;
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                problems.report(new RowProblem(where, "expected an object {\"text\", \"class\"}"));
                continue;
            }
            Object text = entry.get("text");
            Object cls = entry.get("class");
            if (cls == null && (text == null || "".equals(text))) continue; // the format's empty terminator entry
            if (!(text instanceof String s) || s.isEmpty()) {
                problems.report(new RowProblem(where, "missing or empty \"text\""));
            } else if (!(cls instanceof Long c) || (c != 0 && c != 1)) {
                problems.report(new RowProblem(where, "\"class\" must be 0 or 1, found " + cls));
            } else {
                out.add(Example.classified(domain + "-" + i, s, null, c.intValue()));
            }
        }
        return out;
    }
}
