package hifi.glue.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FlagsTest {
    private static Flags flags() {
        return new Flags("select", "Rank attention heads.")
                .path("model", "DIR", Flags.REQUIRED, "model directory")
                .string("task", "TASK", Flags.REQUIRED, "task name")
                .integer("samples", "N", "256", "calibration examples")
                .decimal("lr", "RATE", "1e-4", "learning rate")
                .longInteger("seed", "S", null, "random seed")
                .choice("variant", List.of("A", "B", "C"), "B", "graph variant")
                .bool("resume", "continue from the last checkpoint");
    }

    private static UsageException usage(String... args) {
        return assertThrows(UsageException.class, () -> flags().parse(List.of(args)));
    }

    @Test
    void bothSyntaxesDefaultsAndBooleans() {
        FlagValues v = flags().parse(List.of("--model", "m/dir", "--task=rte", "--lr=3e-4", "--resume", "--variant", "C"));
        assertEquals(Path.of("m/dir"), v.path("model"));
        assertEquals("rte", v.string("task"));
        assertEquals(256, v.integer("samples"));
        assertEquals(3e-4, v.decimal("lr"));
        assertTrue(v.bool("resume"));
        assertEquals("C", v.string("variant"));
        assertFalse(v.has("seed"));
        FlagValues w = flags().parse(List.of("--model", "d", "--task", "cola", "--resume=false", "--seed", "-7", "--samples", "-1"));
        assertFalse(w.bool("resume"));
        assertEquals(-7L, w.longInteger("seed"));
        assertEquals(-1, w.integer("samples"));
    }

    @Test
    void mistakesNameTheFlag() {
        assertEquals("unknown flag --modle for select (did you mean --model?)", usage("--modle", "x").getMessage());
        assertEquals("unknown flag --xyzzy for select (see --help)", usage("--xyzzy").getMessage());
        assertEquals("flag --samples needs a value (N)", usage("--model", "d", "--task", "t", "--samples").getMessage());
        assertEquals("flag --samples needs a value (N)", usage("--samples", "--model", "d").getMessage());
        assertEquals("flag --samples expects an integer, got 'many'", usage("--samples", "many").getMessage());
        assertEquals("flag --lr expects a finite number, got 'NaN'", usage("--lr=NaN").getMessage());
        assertEquals("flag --lr expects a finite number, got '1f'", usage("--lr=1f").getMessage());
        assertEquals("flag --variant must be one of A, B, C, got 'D'", usage("--variant", "D").getMessage());
        assertEquals("flag --model given more than once", usage("--model", "a", "--model", "b").getMessage());
        assertEquals("missing required flags --model DIR, --task TASK", usage().getMessage());
        assertEquals("missing required flag --task TASK", usage("--model", "d").getMessage());
        assertEquals("unexpected argument 'extra' for select (flags start with --)", usage("extra").getMessage());
        assertTrue(usage("--resume=yes").getMessage().startsWith("flag --resume is a switch"));
        assertEquals("flag --samples expects an integer, got '99999999999'", usage("--samples", "99999999999").getMessage());
    }

    @Test
    void helpIsRecognisedAnywhereAndListsEveryFlag() {
        assertThrows(HelpRequested.class, () -> flags().parse(List.of("--model", "x", "-h")));
        assertThrows(HelpRequested.class, () -> flags().parse(List.of("--bogus", "--help")));
        String help = flags().help("hifi");
        assertTrue(help.startsWith("Usage: hifi select [flags]\n\nRank attention heads.\n"), help);
        assertTrue(help.contains("  --model DIR      model directory (required)\n"), help);
        assertTrue(help.contains("  --samples N      calibration examples (default: 256)\n"), help);
        assertTrue(help.contains("  --variant A|B|C  graph variant (default: B)\n"), help);
        assertTrue(help.contains("  --resume         continue from the last checkpoint\n"), help);
        assertTrue(help.contains("  -h, --help       show this help\n"), help);
    }

    @Test
    void declarationMistakesAreCaughtEarly() {
        assertThrows(IllegalArgumentException.class, () -> new Flags("x", "y").integer("n", "N", "ten", "bad default"));
        assertThrows(IllegalArgumentException.class, () -> new Flags("x", "y").bool("a", "a").bool("a", "again"));
        FlagValues v = flags().parse(List.of("--model", "d", "--task", "t"));
        assertThrows(IllegalArgumentException.class, () -> v.integer("lr"));
        assertThrows(IllegalArgumentException.class, () -> v.string("nope"));
        assertThrows(IllegalStateException.class, () -> v.longInteger("seed"));
    }

    @Test
    void editDistance() {
        assertEquals(0, Flags.editDistance("lr", "lr"));
        assertEquals(2, Flags.editDistance("modle", "model"));
        assertEquals(3, Flags.editDistance("kitten", "sitting"));
    }
}
