package hifi.convert.model;

import java.util.regex.Pattern;

/**
 * HF BERT tensor names as the engine stores them: the encoder without the {@code bert.} prefix ({@code embeddings.*},
 * {@code encoder.layer.N.*}, {@code pooler.dense.*}) and the masked-LM head as {@code cls.predictions.*}. Source names
 * are normalised by {@link #canonical}: an optional {@code bert.} prefix is dropped and the old LayerNorm
 * {@code gamma}/{@code beta} become {@code weight}/{@code bias}.
 */
public final class BertNames {
    private BertNames() {
    }

    public static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";
    public static final String POSITION_EMBEDDINGS = "embeddings.position_embeddings.weight";
    public static final String TOKEN_TYPE_EMBEDDINGS = "embeddings.token_type_embeddings.weight";
    public static final String EMBEDDINGS_LAYER_NORM = "embeddings.LayerNorm";
    public static final String POOLER = "pooler.dense";
    public static final String MLM_TRANSFORM = "cls.predictions.transform.dense";
    public static final String MLM_LAYER_NORM = "cls.predictions.transform.LayerNorm";
    public static final String MLM_BIAS = "cls.predictions.bias";
    /** Tied to {@link #WORD_EMBEDDINGS} in BERT; dropped after checking it is identical. */
    public static final String MLM_DECODER_WEIGHT = "cls.predictions.decoder.weight";
    /** Tied to {@link #MLM_BIAS}; dropped after checking it is identical. */
    public static final String MLM_DECODER_BIAS = "cls.predictions.decoder.bias";

    /** Sub-modules of one encoder layer that are Linear layers ({@code weight [out, in]} and {@code bias}). */
    public static final String[] LAYER_LINEARS = {"attention.self.query", "attention.self.key", "attention.self.value",
            "attention.output.dense", "intermediate.dense", "output.dense"};
    /** Sub-modules of one encoder layer that are LayerNorms. */
    public static final String[] LAYER_NORMS = {"attention.output.LayerNorm", "output.LayerNorm"};

    private static final Pattern LAYER = Pattern.compile("encoder\\.layer\\.(\\d+)\\..*");

    /** Prefix of encoder layer {@code i}'s tensors. */
    public static String layer(int i) {
        return "encoder.layer." + i + ".";
    }

    /**
     * Source name → engine name; null for tensors a BERT model does not keep and that are dropped silently:
     * {@code position_ids} buffers and the next-sentence head {@code cls.seq_relationship.*}.
     */
    public static String canonical(String name) {
        String n = name.startsWith("bert.") ? name.substring("bert.".length()) : name;
        if (n.equals("embeddings.position_ids") || n.startsWith("cls.seq_relationship.")) return null;
        if (n.endsWith(".gamma")) n = n.substring(0, n.length() - ".gamma".length()) + ".weight";
        else if (n.endsWith(".beta")) n = n.substring(0, n.length() - ".beta".length()) + ".bias";
        return n;
    }

    /** The layer index of an {@code encoder.layer.N.*} name, or -1. */
    public static int layerIndex(String canonicalName) {
        var m = LAYER.matcher(canonicalName);
        if (!m.matches()) return -1;
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
