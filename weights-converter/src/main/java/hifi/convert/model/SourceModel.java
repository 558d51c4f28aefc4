package hifi.convert.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a format reader found in a source, before it is checked and assembled into the engine's model format.
 *
 * @param format         short name of the source format, recorded in the converted config ({@code "onnx"}, ...)
 * @param tensors        the weights, named as HF names them (readers of ONNX and TF sources map and transpose)
 * @param config         the source's own {@code config.json}, or null when the sizes must be inferred from shapes
 * @param configFile     where {@code config} came from (for error messages), or null
 * @param headsHint      attention heads read from the source (e.g. an ONNX Reshape), or 0 if unknown
 * @param epsHint        LayerNorm epsilon read from the source, or 0 if unknown
 * @param vocab          the WordPiece vocabulary in id order
 * @param doLowerCase    whether the tokenizer lower-cases and strips accents
 * @param modelMaxLength the tokenizer's maximum length, or 0 to use {@code max_position_embeddings}
 * @param extraConfig    config keys to carry over verbatim (dropouts, hidden_act, ...) when the source has them
 */
public record SourceModel(String format, StateDict tensors, Map<String, Object> config, Path configFile, int headsHint,
                          double epsHint, List<String> vocab, boolean doLowerCase, int modelMaxLength,
                          Map<String, Object> extraConfig) {
}
