package hifi.engine.io;

import java.nio.file.Path;

/**
 * A model file (safetensors, pickle, ONNX, TF bundle, config) that is malformed, truncated or inconsistent. The message
 * always names the file and, where one is involved, the tensor, so a user can tell which of many files is broken.
 * Readers throw nothing else for bad bytes: every parse failure is turned into this exception.
 */
public class ModelFormatException extends RuntimeException {
    private final String file;
    private final String tensor;

    public ModelFormatException(Path file, String tensor, String problem) {
        this(file == null ? null : file.toString(), tensor, problem, null);
    }

    public ModelFormatException(Path file, String problem) {
        this(file, null, problem);
    }

    public ModelFormatException(String file, String tensor, String problem, Throwable cause) {
        super(message(file, tensor, problem), cause);
        this.file = file;
        this.tensor = tensor;
    }

    private static String message(String file, String tensor, String problem) {
        StringBuilder sb = new StringBuilder();
        if (file != null) sb.append(file).append(": ");
        if (tensor != null) sb.append("tensor \"").append(tensor).append("\": ");
        return sb.append(problem).toString();
    }

    /** The file at fault, or null when not known. */
    public String file() {
        return file;
    }

    /** The tensor at fault, or null when the problem is not about one tensor. */
    public String tensor() {
        return tensor;
    }
}
