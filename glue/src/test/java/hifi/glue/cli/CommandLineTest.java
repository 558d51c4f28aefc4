package hifi.glue.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CommandLineTest {
    /** A command that reads a file and prints its length, to exercise every exit path. */
    @Command(name = "size", description = "Print the size of a file.")
    static final class SizeCommand extends AppCommand {
        @Option(names = "--file", paramLabel = "FILE", required = true, description = "the file")
        Path file;

        @Option(names = "--times", paramLabel = "N", defaultValue = "1", description = "how often to print it")
        int times;

        @Option(names = "--crash", description = "fail with an unexpected exception")
        boolean crash;

        @Override
        protected int execute(Invocation run) throws Exception {
            if (crash) throw new ArithmeticException("boom");
            if (times < 1) throw new UsageException("--times must be at least 1");
            long size = Files.size(file);
            for (int i = 0; i < times; i++) run.out().println(size);
            return Exit.OK;
        }
    }

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(boolean debug, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Launcher cli = new Launcher(Commands.commandLine(List.of(new SizeCommand())), debug);
        int code = cli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void dispatchesAndReturnsZero() throws Exception {
        Path f = Files.createTempFile("size", ".txt");
        try {
            Files.writeString(f, "hello");
            Outcome o = run(false, "size", "--file", f.toString(), "--times=2");
            assertEquals(new Outcome(0, "5\n5\n", ""), o);
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void helpAtBothLevels() {
        Outcome top = run(false, "--help");
        assertEquals(0, top.code());
        assertTrue(top.out().contains("  size  Print the size of a file.\n"), top.out());
        Outcome sub = run(false, "size", "--help");
        assertEquals(0, sub.code());
        assertTrue(sub.out().contains("--file FILE"), sub.out());
        Outcome none = run(false);
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("Usage: hifi <command>"));
    }

    @Test
    void usageErrorsExitTwoWithoutStackTrace() {
        Outcome o = run(false, "size", "--file", "x", "--times", "two");
        assertEquals(2, o.code());
        assertEquals("hifi size: error: flag --times expects an integer, got 'two'\n"
                + "run 'hifi size --help' for the list of flags\n", o.err());
        assertEquals(2, run(false, "size", "--file", "x", "--times", "0").code());
        Outcome unknown = run(false, "sise");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown command 'sise' (commands: size"), unknown.err());
    }

    @Test
    void failuresExitOneWithAMessageNamingTheFile() {
        Outcome o = run(false, "size", "--file", "/no/such/file.bin");
        assertEquals(1, o.code());
        assertEquals("hifi size: error: no such file: /no/such/file.bin\n", o.err());
    }

    @Test
    void unexpectedExceptionsShowATraceOnlyWhenDebugging() {
        Outcome quiet = run(false, "size", "--file", "x", "--crash");
        assertEquals(1, quiet.code());
        assertEquals("hifi size: error: ArithmeticException: boom\n(set HIFI_DEBUG=1 for the stack trace)\n", quiet.err());
        Outcome loud = run(true, "size", "--file", "x", "--crash");
        assertTrue(loud.err().contains("at hifi.glue.cli.CommandLineTest$SizeCommand.execute"), loud.err());
    }
}
