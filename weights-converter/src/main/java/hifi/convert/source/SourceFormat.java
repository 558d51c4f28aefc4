package hifi.convert.source;

/** The checkpoint formats the converter reads, in the order it prefers them when a source holds several. */
public enum SourceFormat {
    SAFETENSORS_SHARDED("safetensors-sharded"),
    SAFETENSORS("safetensors"),
    PYTORCH_BIN("pytorch-bin"),
    ONNX("onnx"),
    TF_BUNDLE("tf-checkpoint");

    private final String label;

    SourceFormat(String label) {
        this.label = label;
    }

    /** The name recorded in the converted config's {@code converted_from}. */
    public String label() {
        return label;
    }

    /** The format of a weights file judged by its name, or null. */
    public static SourceFormat ofFile(String fileName) {
        if (fileName.equals(HfSafetensorsReader.INDEX)) return SAFETENSORS_SHARDED;
        if (fileName.endsWith(".safetensors")) return SAFETENSORS;
        if (fileName.endsWith(".bin") || fileName.endsWith(".pt") || fileName.endsWith(".pth")) return PYTORCH_BIN;
        if (fileName.endsWith(".onnx")) return ONNX;
        if (fileName.endsWith(".index")) return TF_BUNDLE;
        return null;
    }
}
