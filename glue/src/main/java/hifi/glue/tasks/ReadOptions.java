package hifi.glue.tasks;

import java.io.PrintStream;

/**
 * How task files are read.
 *
 * @param policy        what to do with malformed rows
 * @param warnings      where skip counts are printed (null: nowhere — only for tests that inspect {@link TaskSplit#skipped()})
 * @param sentimentSeed seed of the fixed 80/20 train/dev split of the {@code sentiment} task
 */
public record ReadOptions(MalformedRowPolicy policy, PrintStream warnings, long sentimentSeed) {

    /** Seed of the documented default sentiment split. */
    public static final long DEFAULT_SENTIMENT_SEED = 42;

    /** Fail on the first malformed row; warnings to stderr; the default sentiment split. */
    public static ReadOptions strict() {
        return new ReadOptions(MalformedRowPolicy.FAIL, System.err, DEFAULT_SENTIMENT_SEED);
    }

    /** Skip and count malformed rows, printing the count to stderr; the default sentiment split. */
    public static ReadOptions skipMalformed() {
        return new ReadOptions(MalformedRowPolicy.SKIP, System.err, DEFAULT_SENTIMENT_SEED);
    }

    public ReadOptions {
        if (policy == null) throw new IllegalArgumentException("policy must not be null");
    }
}
