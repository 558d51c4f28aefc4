package hifi.convert;

import hifi.convert.model.ConvertedModel;
import hifi.convert.model.NamedTensor;
import hifi.convert.source.MavenCoordinates;
import hifi.engine.io.ModelFormatException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * One conversion with its console report: resolves the source (a path, or Maven coordinates of a jar in the local
 * repository), runs {@link Converter}, and prints a summary line to {@code out}, or one line naming the file and
 * tensor at fault to {@code err}. {@link #run} returns {@link #OK} or {@link #FAILED}; the application's command line
 * ({@code hifi convert}) reads the options and calls it.
 */
public final class Conversion {
    public static final int OK = 0;
    public static final int FAILED = 1;

    private final PrintStream out;
    private final PrintStream err;

    public Conversion(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Converts {@code from} into the model directory {@code to}.
     *
     * @param from    a BERT checkpoint (file, folder, jar/zip) or {@code group:artifact:version} of a jar in the local
     *                Maven repository
     * @param force   replace {@code to} if it exists
     * @param verbose print the time of each phase to {@code err}
     */
    public int run(String from, Path to, boolean force, boolean verbose) {
        long start = System.nanoTime();
        try {
            Path source = !Files.exists(Path.of(from)) && MavenCoordinates.looksLikeCoordinates(from)
                    ? MavenCoordinates.resolve(from) : Path.of(from);
            ConvertedModel m = Converter.convert(source, to, force, (phase, seconds) -> {
                if (verbose) err.printf("convert: %-6s %.2f s%n", phase, seconds);
            });
            long values = 0;
            for (NamedTensor t : m.tensors().tensors()) values += t.values().length;
            out.printf("converted %s (%s) -> %s: %d layers, hidden %d, %d heads, %d tensors, %,d values, pooler %s, MLM head %s, %.1f s%n",
                    from, m.sourceFormat(), to, m.dims().numLayers(), m.dims().hiddenSize(), m.dims().numHeads(), m.tensors().size(),
                    values, m.hasPooler() ? "yes" : "no", m.hasMlmHead() ? "yes" : "no", (System.nanoTime() - start) / 1e9);
            return OK;
        } catch (ModelFormatException e) {
            err.println("convert: " + e.getMessage());
            return FAILED;
        } catch (IOException | java.io.UncheckedIOException | InvalidPathException e) {
            err.println("convert: " + e);
            return FAILED;
        }
    }
}
