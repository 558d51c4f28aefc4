package hifi.glue.tasks;

/**
 * What a reader does with a malformed row (wrong column count, unknown label, unparsable score). Neither choice is
 * silent: {@code FAIL} throws {@link MalformedRowException} naming the file and line; {@code SKIP} drops the row,
 * counts it, and prints the count and the first few problems.
 */
public enum MalformedRowPolicy {
    /** Stop at the first malformed row. */
    FAIL,
    /** Drop malformed rows, count them and print the count. */
    SKIP
}
