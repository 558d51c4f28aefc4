package hifi.engine.runtime;

/** Elementwise activations, named as HF's {@code hidden_act} names them. */
public enum Activation {
    /** Exact GELU, {@code x/2 · (1 + erf(x/√2))}: HF {@code "gelu"}. */
    GELU,
    /** Tanh approximation, {@code x/2 · (1 + tanh(√(2/π)(x + 0.044715x³)))}: HF {@code "gelu_new"}, {@code "gelu_pytorch_tanh"}. */
    GELU_TANH,
    /** Hyperbolic tangent (the BERT pooler). */
    TANH,
    /** {@code max(x, 0)}: HF {@code "relu"}. */
    RELU;

    /** Maps an HF {@code hidden_act} string; unknown names give an error that lists the supported ones. */
    public static Activation fromHf(String name) {
        return switch (name) {
            case "gelu" -> GELU;
            case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> GELU_TANH;
            case "relu" -> RELU;
            case "tanh" -> TANH;
            default -> throw new IllegalArgumentException("unsupported hidden_act \"" + name
                    + "\" (supported: gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu, tanh)");
        };
    }
}
