package hifi.glue.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    @Test
    void demoTrainsAFewStepsAndReportsMemory() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = DemoCommand.run(new String[] {"--steps", "2", "--backend", "reference"}, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, out);
        assertTrue(out.contains("step    1  loss ") && out.contains("step    2  loss "), out);
        assertTrue(out.contains("layer 1"), out);
    }

    @Test
    void badArgumentsAreRejected() throws Exception {
        assertEquals(2, Main.run(new String[] {"no-such-command"}));
        assertEquals(2, Main.run(new String[] {"demo", "--bogus"}));
        assertThrows(IllegalArgumentException.class, () -> DemoCommand.run(new String[] {"--steps"}, System.out));
    }
}
