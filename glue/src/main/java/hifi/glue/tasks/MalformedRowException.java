package hifi.glue.tasks;

/** Thrown for a malformed data row under {@link MalformedRowPolicy#FAIL}; the message names the file and line. */
public final class MalformedRowException extends IllegalArgumentException {
    private final RowProblem problem;

    public MalformedRowException(RowProblem problem) {
        super(problem + " (to drop such rows and count them, read with the skip policy: --malformed skip)");
        this.problem = problem;
    }

    /** The offending row. */
    public RowProblem problem() {
        return problem;
    }
}
