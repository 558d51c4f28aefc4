package hifi.glue.cli;

import hifi.engine.backend.Backends;
import hifi.glue.Fixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --device}: {@code cpu} changes nothing; a GPU device without TornadoVM in the JVM (the default build, or a
 * {@code -Ptornado} build started without TornadoVM's argfile) is a failure with exit 1 and one clear line, no stack
 * trace, for every command that computes (train, eval, bench).
 */
class DeviceFlagTest {

    @Test
    void cpuDeviceRunsTheCommandOnTheCpuBackend() {
        String before = Backends.current().name();
        AppRun r = AppRun.of("--device", "cpu", "data", "--task", "rte", "--data", Fixtures.glueData().toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(before, Backends.current().name(), "--device cpu keeps the CPU backend");
    }

    @Test
    void gpuDeviceWithoutTornadoVmFailsWithOneClearLine() {
        String data = Fixtures.glueData().toString();
        String[][] commands = {
                {"--device", "gpu", "train", "--model", "m", "--task", "rte", "--data", data, "--out", "o"},
                {"eval", "--model", "m", "--task", "rte", "--data", data, "--device", "gpu"},
                {"--device=0:0", "bench"},
        };
        for (String[] args : commands) {
            String before = Backends.current().name();
            AppRun r = AppRun.of(args);
            assertEquals(Exit.FAILURE, r.code(), r.toString());
            assertTrue(r.err().contains("TornadoVM") && r.err().contains("Running on a GPU box"), "names the cause and the fix: " + r);
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r);
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r);
            assertEquals(before, Backends.current().name(), "the CPU backend stays in place");
        }
    }

    @Test
    void deviceFlagErrorsAreUsageErrors() {
        assertEquals(Exit.USAGE, AppRun.of("--device", "gpu", "--backend", "simd", "bench").code(), "--backend is for the CPU");
        assertEquals(Exit.USAGE, AppRun.of("--device", "cpu", "--device", "gpu", "bench").code(), "given twice");
        assertEquals(Exit.USAGE, AppRun.of("bench", "--device").code(), "needs a value");
    }
}
