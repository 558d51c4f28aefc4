package hifi.engine.train;

import hifi.engine.io.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real training process is killed ({@code destroyForcibly}, i.e. SIGKILL) after its second checkpoint; resuming from
 * the checkpoint reaches final weights bit-identical to an uninterrupted run with the same seed and thread count.
 */
class KillAndResumeTest {
    static final int THREADS = 2;

    @Test
    void killedRunResumesToBitIdenticalWeights(@TempDir Path tmp) throws Exception {
        Path killed = tmp.resolve("killed"), straight = tmp.resolve("straight");
        Process p = new ProcessBuilder(javaCommand(), "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), ResumeMain.class.getName(), killed.toString(), Integer.toString(THREADS), "150")
                .redirectErrorStream(true).start();
        List<String> seen = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                seen.add(line);
                if (line.equals("checkpoint 4")) break;
                if (line.equals("done")) fail("the run finished before it could be killed: " + seen);
            }
            if (line == null) fail("the training process ended without a checkpoint: " + seen);
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "killed process did not end");
        }
        assertTrue(Files.exists(Checkpoint.file(killed)), "checkpoint on disk");
        assertTrue(Files.notExists(killed.resolve("final.safetensors")), "the killed run did not finish");

        ResumeMain.run(killed, THREADS, 0, true, false);
        ResumeMain.run(straight, THREADS, 0, false, false);

        try (SafetensorsFile a = SafetensorsFile.open(killed.resolve("final.safetensors"));
             SafetensorsFile b = SafetensorsFile.open(straight.resolve("final.safetensors"))) {
            assertEquals(b.names(), a.names());
            for (String name : a.names()) {
                int[] x = bits(a.readFloats(name)), y = bits(b.readFloats(name));
                assertArrayEquals(y, x, name + " differs between the resumed and the uninterrupted run");
            }
        }
    }

    private static int[] bits(float[] f) {
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) out[i] = Float.floatToRawIntBits(f[i]);
        return out;
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
