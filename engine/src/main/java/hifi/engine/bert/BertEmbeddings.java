package hifi.engine.bert;

import hifi.engine.backend.Backend;
import hifi.engine.data.Batch;
import hifi.engine.nn.Dropout;
import hifi.engine.nn.Embedding;
import hifi.engine.nn.LayerNorm;
import hifi.engine.nn.PassContext;
import hifi.engine.nn.WeightSource;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.tensor.Tensor;

import java.util.List;

/** Word + position + token-type embeddings, LayerNorm, dropout (HF {@code BertEmbeddings}). */
public final class BertEmbeddings {
    private final Embedding word;
    private final Embedding position;
    private final Embedding tokenType;
    private final LayerNorm norm;
    private final Dropout dropout;
    private final int hidden;

    /** The LayerNorm's cache (its input is the embedding sum) and the pass of the forward (for the dropout). */
    public record Cache(PassContext pass, LayerNorm.Cache norm) {
        public long bytes() {
            return norm.bytes();
        }
    }

    public BertEmbeddings(BertConfig c, WeightSource w, String prefix) {
        String p = prefix + "embeddings.";
        hidden = c.hiddenSize();
        word = new Embedding(Parameter.of(p + "word_embeddings.weight", w.get(p + "word_embeddings.weight", c.vocabSize(), hidden), -1));
        position = new Embedding(Parameter.of(p + "position_embeddings.weight", w.get(p + "position_embeddings.weight", c.maxPositionEmbeddings(), hidden), -1));
        tokenType = new Embedding(Parameter.of(p + "token_type_embeddings.weight", w.get(p + "token_type_embeddings.weight", c.typeVocabSize(), hidden), -1));
        norm = new LayerNorm(Parameter.of(p + "LayerNorm.weight", w.get(p + "LayerNorm.weight", hidden), -1),
                Parameter.of(p + "LayerNorm.bias", w.get(p + "LayerNorm.bias", hidden), -1), c.layerNormEps());
        dropout = new Dropout(c.hiddenDropoutProb(), 1);
    }

    public List<Parameter> parameters() {
        return List.of(word.table(), position.table(), tokenType.table(), norm.parameters().get(0), norm.parameters().get(1));
    }

    /** Writes {@code out [B·T, hidden]}. */
    public Cache forward(PassContext pass, Batch batch, Tensor out) {
        Backend be = pass.backend();
        if (batch.seqLen() > position.table().value().dim(0)) {
            throw new IllegalArgumentException("sequence length " + batch.seqLen() + " exceeds max_position_embeddings " + position.table().value().dim(0));
        }
        Tensor sum = be.allocate(batch.tokens(), hidden), part = be.allocate(batch.tokens(), hidden);
        word.forward(be, batch.ids(), sum);
        position.forward(be, batch.positionIds(), part);
        be.add(sum, part, sum);
        tokenType.forward(be, batch.tokenTypes(), part);
        be.add(sum, part, sum);
        LayerNorm.Cache nc = norm.forward(be, sum, out);
        dropout.forward(pass, out, out);
        return new Cache(pass, nc);
    }

    public boolean isTrainable(Gradients grads) {
        return grads.hasAny(parameters());
    }

    /** Accumulates the trainable embedding gradients from {@code dOut}; does nothing when all are frozen. */
    public void backward(Cache c, Batch batch, Tensor dOut, Gradients grads) {
        if (!isTrainable(grads)) return;
        Backend be = c.pass().backend();
        Tensor dNorm = be.allocate(dOut.shape());
        dropout.backward(c.pass(), dOut, dNorm);
        boolean tables = grads.has(word.table().name()) || grads.has(position.table().name()) || grads.has(tokenType.table().name());
        Tensor dSum = tables ? be.allocate(dOut.shape()) : null;
        norm.backward(be, c.norm(), dNorm, dSum, grads);
        if (!tables) return;
        word.backward(be, dSum, batch.ids(), grads);
        position.backward(be, dSum, batch.positionIds(), grads);
        tokenType.backward(be, dSum, batch.tokenTypes(), grads);
    }
}
