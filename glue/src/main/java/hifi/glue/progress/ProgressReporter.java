package hifi.glue.progress;

/** Starts the {@link Progress} of a loop: {@code start("train rte hifi", 3000, "steps")}. */
@FunctionalInterface
public interface ProgressReporter {
    /** Shows nothing. */
    ProgressReporter SILENT = (label, total, unit) -> Progress.NONE;

    /**
     * @param label what runs
     * @param total the number of units the work has, or 0 if unknown
     * @param unit  the unit's name ({@code steps}, {@code ex})
     */
    Progress start(String label, long total, String unit);
}
