package hifi.glue.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class ProgressBarTest {
    private static final long SECOND = 1_000_000_000L;

    /** A clock the test moves by hand. */
    private static final class FakeClock {
        long now;
    }

    @Test
    void rendersRateAndEta() {
        FakeClock clock = new FakeClock();
        ProgressBar bar = new ProgressBar("train", 1000, "steps", new PrintStream(new ByteArrayOutputStream()), false, () -> clock.now);
        // 250 steps in 10 s: 25 steps/s, 750 left → 30 s
        assertEquals("train [######------------------]  25% 250/1000 steps | 25.0 steps/s | elapsed 0:10 | ETA 0:30",
                bar.render(250, 10 * SECOND));
        bar.status("loss 0.41");
        assertEquals("train [########################] 100% 1000/1000 steps | 100 steps/s | elapsed 0:10 | loss 0.41",
                bar.render(1000, 10 * SECOND));
        ProgressBar open = new ProgressBar("eval", 0, "ex", new PrintStream(new ByteArrayOutputStream()), false, () -> clock.now);
        assertEquals("eval 12 ex | 0.003 ex/s | elapsed 1:02:00", open.render(12, 3720 * SECOND));
    }

    @Test
    void plainModePrintsOneLinePerTenthWithoutControlCharacters() {
        FakeClock clock = new FakeClock();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressBar bar = new ProgressBar("select", 100, "ex", new PrintStream(bytes, true, StandardCharsets.UTF_8), false, () -> clock.now)) {
            for (int i = 0; i < 100; i++) {
                clock.now += SECOND / 10;
                bar.advance(1);
            }
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(10, text.lines().count(), text);
        assertFalse(text.contains("\r") || text.contains("\u001b"), text);
        assertTrue(text.lines().toList().getLast().contains("100% 100/100 ex | 10.0 ex/s"), text);
    }

    @Test
    void terminalModeRedrawsInPlaceAndEndsTheLine() {
        FakeClock clock = new FakeClock();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressBar bar = new ProgressBar("train", 4, "steps", new PrintStream(bytes, true, StandardCharsets.UTF_8), true, () -> clock.now)) {
            for (int i = 0; i < 4; i++) {
                clock.now += SECOND;
                bar.advance(1);
            }
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\rtrain [######"), text);
        assertTrue(text.endsWith("\n"), text);
        assertEquals(1, text.split("\n", -1).length - 1, "exactly one newline, at the end");
        assertEquals(4, text.chars().filter(c -> c == '\r').count(), text);
        assertFalse(text.contains("\u001b"));
    }

    @Test
    void resumedWorkShowsInTheBarButNotInTheRate() {
        FakeClock clock = new FakeClock();
        ProgressBar bar = new ProgressBar("train", 1000, "steps", new PrintStream(new ByteArrayOutputStream()), false, () -> clock.now);
        bar.resumeAt(600);
        // 100 steps in the 10 s after the resume: 10 steps/s, 300 left → 30 s
        assertEquals("train [#################-------]  70% 700/1000 steps | 10.0 steps/s | elapsed 0:10 | ETA 0:30",
                bar.render(700, 10 * SECOND));
        assertEquals("train [##############----------]  60% 600/1000 steps | 0.000 steps/s | elapsed 0:00 | ETA --:--",
                bar.render(600, 0));
    }
}
