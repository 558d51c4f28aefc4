package hifi.glue.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** How the command line reads options (picocli with the application's converters) and words its mistakes. */
class OptionParsingTest {
    @Command(name = "select", description = "Rank attention heads.")
    static final class Probe extends AppCommand {
        @Option(names = "--model", paramLabel = "DIR", required = true, description = "model directory")
        Path model;
        @Option(names = "--task", paramLabel = "TASK", required = true, description = "task name")
        String task;
        @Option(names = "--samples", paramLabel = "N", defaultValue = "256", description = "calibration examples (default: ${DEFAULT-VALUE})")
        int samples;
        @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-4", description = "learning rate (default: ${DEFAULT-VALUE})")
        double lr;
        @Option(names = "--seed", paramLabel = "S", description = "random seed")
        Long seed;
        @Option(names = "--variant", paramLabel = "A|B|C", defaultValue = "B", converter = Variant.class,
                description = "graph variant (default: ${DEFAULT-VALUE})")
        String variant;
        @Option(names = "--resume", description = "continue from the last checkpoint")
        boolean resume;

        static final class Variant implements ITypeConverter<String> {
            @Override
            public String convert(String value) throws Exception {
                return Converters.choice(List.of("A", "B", "C"), v -> v).convert(value);
            }
        }

        @Override
        protected int execute(Invocation run) {
            return Exit.OK;
        }
    }

    private static Probe parse(String... args) {
        Probe p = new Probe();
        CommandLine cli = Commands.commandLine(List.of(p));
        String[] all = new String[args.length + 1];
        all[0] = "select";
        System.arraycopy(args, 0, all, 1, args.length);
        cli.parseArgs(all);
        return p;
    }

    /** The first line of the error a bad command line gets, after asserting it exits 2. */
    private static String usage(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "select";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = new Launcher(Commands.commandLine(List.of(new Probe())), false).run(List.of(all),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Exit.USAGE, code, err.toString(StandardCharsets.UTF_8));
        String first = err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
        assertTrue(first.startsWith("hifi select: error: "), first);
        return first.substring("hifi select: error: ".length());
    }

    @Test
    void bothSyntaxesDefaultsAndBooleans() {
        Probe v = parse("--model", "m/dir", "--task=rte", "--lr=3e-4", "--resume", "--variant", "C");
        assertEquals(Path.of("m/dir"), v.model);
        assertEquals("rte", v.task);
        assertEquals(256, v.samples);
        assertEquals(3e-4, v.lr);
        assertTrue(v.resume);
        assertEquals("C", v.variant);
        assertNull(v.seed);
        Probe w = parse("--model", "d", "--task", "cola", "--resume=false", "--seed", "-7", "--samples", "-1");
        assertFalse(w.resume);
        assertEquals(-7L, w.seed);
        assertEquals(-1, w.samples);
    }

    @Test
    void mistakesNameTheFlag() {
        assertEquals("unknown flag --modle for select (did you mean --model?)", usage("--model", "d", "--task", "t", "--modle", "x"));
        assertEquals("unknown flag --xyzzy for select (see --help)", usage("--model", "d", "--task", "t", "--xyzzy"));
        assertEquals("flag --samples needs a value (N)", usage("--model", "d", "--task", "t", "--samples"));
        assertEquals("flag --samples needs a value (N)", usage("--samples", "--model", "d"));
        assertEquals("flag --samples expects an integer, got 'many'", usage("--samples", "many"));
        assertEquals("flag --lr expects a finite number, got 'NaN'", usage("--lr=NaN"));
        assertEquals("flag --lr expects a finite number, got '1f'", usage("--lr=1f"));
        assertEquals("flag --variant must be one of A, B, C, got 'D'", usage("--variant", "D"));
        assertEquals("flag --model given more than once", usage("--model", "a", "--model", "b"));
        assertEquals("missing required flags --model DIR, --task TASK", usage());
        assertEquals("missing required flag --task TASK", usage("--model", "d"));
        assertEquals("unexpected argument 'extra' for select (flags start with --)", usage("--model", "d", "--task", "t", "extra"));
        assertTrue(usage("--resume=yes").startsWith("flag --resume is a switch"));
        assertEquals("flag --samples expects an integer, got '99999999999'", usage("--samples", "99999999999"));
    }

    @Test
    void helpIsRecognisedAnywhereAndListsEveryFlag() {
        for (List<String> args : List.of(List.of("select", "--model", "x", "-h"), List.of("select", "--bogus", "--help"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = new Launcher(Commands.commandLine(List.of(new Probe())), false).run(args,
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
            assertEquals(Exit.OK, code);
            String help = out.toString(StandardCharsets.UTF_8);
            assertTrue(help.startsWith("Usage: hifi select "), help);
            assertTrue(help.contains("Rank attention heads."), help);
            assertTrue(help.contains("--model DIR") && help.contains("model directory"), help);
            assertTrue(help.contains("--samples N") && help.contains("calibration examples (default: 256)"), help);
            assertTrue(help.contains("--variant A|B|C") && help.contains("graph variant (default: B)"), help);
            assertTrue(help.contains("--resume") && help.contains("continue from the last checkpoint"), help);
            assertTrue(help.contains("-h, --help") && help.contains("show this help"), help);
        }
    }
}
