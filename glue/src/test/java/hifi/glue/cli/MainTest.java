package hifi.glue.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    private static String[] run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int rc = Main.commandLine().run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(rc), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void demoTrainsAFewStepsAndReportsMemory() {
        String[] r = run(List.of("demo", "--steps", "2", "--backend", "reference"));
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("step    1  loss ") && r[1].contains("step    2  loss "), r[1]);
        assertTrue(r[1].contains("layer 1"), r[1]);
    }

    @Test
    void badArgumentsAreRejected() {
        assertEquals("2", run(List.of("no-such-command"))[0]);
        assertEquals("2", run(List.of("demo", "--bogus"))[0]);
        assertEquals("2", run(List.of("demo", "--steps", "0"))[0]);
    }
}
