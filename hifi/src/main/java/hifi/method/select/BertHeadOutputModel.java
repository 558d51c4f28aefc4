package hifi.method.select;

import hifi.engine.backend.Backend;
import hifi.engine.backend.PassScope;
import hifi.engine.bert.BertModel;
import hifi.engine.data.Batch;
import hifi.engine.nn.HeadOutputListener;
import hifi.engine.nn.PassContext;
import hifi.engine.tokenizer.BertTokenizer;
import hifi.engine.tokenizer.Encoding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A model folder ({@code config.json}, {@code model.safetensors}, tokenizer files) as a {@link HeadOutputModel}:
 * examples are tokenised ({@code [CLS] A [SEP]} or {@code [CLS] A [SEP] B [SEP]}, truncated longest-first to the
 * limit), padded to the batch's longest, and run through the encoder in eval mode (no dropout). The pooler is run
 * too but does not matter: only the layers' attention contexts are observed.
 */
public final class BertHeadOutputModel implements HeadOutputModel {
    private final BertModel model;
    private final BertTokenizer tokenizer;
    private final Backend backend;
    private final String description;

    public BertHeadOutputModel(BertModel model, BertTokenizer tokenizer, Backend backend, String description) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.backend = backend;
        this.description = description;
    }

    /** Loads the encoder and tokenizer of a model folder. */
    public static BertHeadOutputModel open(Path dir, Backend backend) throws IOException {
        BertModel model = BertModel.load(dir, 0);
        var c = model.config();
        String description = String.format("%s (%d layers × %d heads, hidden %d)", dir.getFileName(), c.numHiddenLayers(),
                c.numAttentionHeads(), c.hiddenSize());
        return new BertHeadOutputModel(model, BertTokenizer.fromModelDirectory(dir), backend, description);
    }

    @Override
    public int layers() {
        return model.config().numHiddenLayers();
    }

    @Override
    public int heads() {
        return model.config().numAttentionHeads();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void forward(List<TextExample> batch, int maxLength, HeadOutputListener listener) {
        int limit = Math.min(maxLength, model.config().maxPositionEmbeddings());
        BertTokenizer t = tokenizer.withTruncation(limit);
        int[][] ids = new int[batch.size()][], types = new int[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            TextExample e = batch.get(i);
            Encoding enc = e.isPair() ? t.encode(e.textA(), e.textB()) : t.encode(e.textA());
            int n = enc.realLength();
            ids[i] = java.util.Arrays.copyOf(enc.ids(), n);
            types[i] = java.util.Arrays.copyOf(enc.typeIds(), n);
        }
        try (PassScope scope = backend.openPass()) {
            model.forward(PassContext.eval(backend, listener), Batch.pad(ids, types, tokenizer.padId(), null, null));
        }
    }
}
