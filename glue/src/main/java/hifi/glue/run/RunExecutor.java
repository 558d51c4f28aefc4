package hifi.glue.run;

import java.nio.file.Path;

/**
 * Trains and evaluates one run of a sweep. The sweep runner calls it only for runs without a {@code result.json},
 * measures its wall time and writes {@code result.json} from what it returns. The run folder already exists and
 * holds {@code run.json}; the executor may keep its own files there (checkpoints, {@code metrics.jsonl},
 * {@code heads.json}) and may resume from them.
 */
@FunctionalInterface
public interface RunExecutor {
    RunResult execute(RunSpec run, Path runDir) throws Exception;
}
