package hifi.glue.run;

import java.nio.file.Path;
import java.util.List;

/**
 * What a sweep invocation did.
 *
 * @param executed runs trained now
 * @param skipped  runs that already had a {@code result.json}
 * @param failed   runs whose executor threw, with the message (details in the run's {@code error.txt})
 * @param summary  the summary file written at the end
 */
public record RunOutcome(List<String> executed, List<String> skipped, List<String> failed, Path summary) {

    public RunOutcome {
        executed = List.copyOf(executed);
        skipped = List.copyOf(skipped);
        failed = List.copyOf(failed);
    }
}
