package hifi.glue.cli;

import hifi.glue.report.ReportWriter;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code report}: run folders (one, or a sweep folder holding many) into a markdown report with PNG plots. */
public final class ReportCommand extends FlagCommand {

    public ReportCommand() {
    }

    public ReportCommand(String program) {
        super(program);
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    protected Flags flags() {
        return new Flags(name(), "Write a markdown report with loss and dev-metric plots from run folders.")
                .path("runs", "DIR", Flags.REQUIRED, "a run folder, or a folder of run folders (a sweep)")
                .path("out", "DIR", Flags.REQUIRED, "where report.md and the PNG plots go")
                .integer("width", "PX", "800", "plot width in pixels")
                .integer("height", "PX", "480", "plot height in pixels");
    }

    @Override
    protected int execute(FlagValues flags, PrintStream out, PrintStream err) throws Exception {
        int width = flags.integer("width"), height = flags.integer("height");
        if (width < 200 || height < 150 || width > 8000 || height > 8000) {
            throw new UsageException("--width must be 200..8000 and --height 150..8000, got " + width + "×" + height);
        }
        Path runs = flags.path("runs");
        if (!Files.isDirectory(runs)) throw new UsageException("--runs " + runs + " is not a folder");
        List<Path> found = ReportWriter.findRuns(runs);
        Path report = new ReportWriter(width, height).write(found, flags.path("out"));
        out.println("wrote " + report + " (" + found.size() + " run" + (found.size() == 1 ? "" : "s") + ")");
        return CommandLine.EXIT_OK;
    }
}
