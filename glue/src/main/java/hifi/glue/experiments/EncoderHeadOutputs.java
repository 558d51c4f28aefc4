package hifi.glue.experiments;

import hifi.engine.backend.Backend;
import hifi.engine.bert.Batch;
import hifi.engine.bert.BertModel;
import hifi.engine.bert.HeadOutputListener;
import hifi.engine.tokenizer.BertTokenizer;
import hifi.engine.tokenizer.Encoding;
import hifi.method.select.HeadOutputModel;
import hifi.method.select.TextExample;

import java.util.List;

/** Head selection's view of a real encoder: tokenise, pad, forward in eval mode, report each layer's context. */
final class EncoderHeadOutputs implements HeadOutputModel {
    private final BertModel encoder;
    private final BertTokenizer tokenizer;
    private final Backend backend;
    private final String description;

    EncoderHeadOutputs(BertModel encoder, BertTokenizer tokenizer, Backend backend, String description) {
        this.encoder = encoder;
        this.tokenizer = tokenizer;
        this.backend = backend;
        this.description = description;
    }

    @Override
    public int layers() {
        return encoder.config().numHiddenLayers();
    }

    @Override
    public int heads() {
        return encoder.config().numAttentionHeads();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void forward(List<TextExample> batch, int maxLength, HeadOutputListener listener) {
        BertTokenizer t = tokenizer.withTruncation(maxLength);
        int[][] ids = new int[batch.size()][], types = new int[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            TextExample e = batch.get(i);
            Encoding enc = e.isPair() ? t.encode(e.textA(), e.textB()) : t.encode(e.textA());
            ids[i] = enc.ids();
            types[i] = enc.typeIds();
        }
        encoder.forward(backend, Batch.pad(ids, types, tokenizer.padId(), null, null), false, 0, listener);
    }
}
