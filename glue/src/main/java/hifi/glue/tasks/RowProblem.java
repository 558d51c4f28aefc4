package hifi.glue.tasks;

/**
 * A malformed row: where it is ({@code file:line} for TSV files, {@code file entry N} for JSON) and what is wrong.
 */
public record RowProblem(String location, String reason) {

    @Override
    public String toString() {
        return location + ": " + reason;
    }
}
