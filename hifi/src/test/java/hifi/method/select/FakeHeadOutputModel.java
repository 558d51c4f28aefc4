package hifi.method.select;

import hifi.engine.nn.HeadOutputListener;
import hifi.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A stand-in encoder for pipeline tests: an example's context rows are a pure function of its text, its token
 * position and the layer (so batching cannot change them); one word is one token plus two special tokens. Heads
 * differ in scale and share a common component so that scores differ and correlations are non-trivial.
 */
public final class FakeHeadOutputModel implements HeadOutputModel {
    private final int layers, heads, headDim;
    int forwardCalls;

    public FakeHeadOutputModel(int layers, int heads, int headDim) {
        this.layers = layers;
        this.heads = heads;
        this.headDim = headDim;
    }

    /** {@code n} training examples of varied lengths, half of them pairs, with ids {@code row-0}, {@code row-1}, …. */
    public static List<TextExample> examples(int n) {
        List<TextExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String a = "sentence number " + i + " has " + "word ".repeat(i % 9) + "end";
            out.add(new TextExample("row-" + i, a, i % 2 == 0 ? null : "a short second part " + i));
        }
        return out;
    }

    @Override
    public int layers() {
        return layers;
    }

    @Override
    public int heads() {
        return heads;
    }

    @Override
    public String description() {
        return "fake " + layers + "×" + heads + "×" + headDim;
    }

    static int tokens(TextExample e, int maxLength) {
        int words = e.textA().split(" ").length + (e.isPair() ? e.textB().split(" ").length + 1 : 0);
        return Math.min(maxLength, words + 2);
    }

    @Override
    public void forward(List<TextExample> batch, int maxLength, HeadOutputListener listener) {
        forwardCalls++;
        int b = batch.size(), seq = 0, hidden = heads * headDim;
        for (TextExample e : batch) seq = Math.max(seq, tokens(e, maxLength));
        int[] mask = new int[b * seq];
        for (int i = 0; i < b; i++) for (int t = 0; t < tokens(batch.get(i), maxLength); t++) mask[i * seq + t] = 1;
        for (int l = 0; l < layers; l++) {
            Tensor ctx = Tensor.zeros(b, seq, hidden);
            for (int i = 0; i < b; i++) {
                TextExample e = batch.get(i);
                for (int t = 0; t < seq; t++) {
                    Random rnd = new Random(e.textA().hashCode() * 31L + t * 1000003L + l);
                    double shared = rnd.nextGaussian();
                    for (int h = 0; h < heads; h++) {
                        for (int c = 0; c < headDim; c++) {
                            double v = (1 + ((h * 7 + l * 3) % heads)) * rnd.nextGaussian() + (h % 3) * shared;
                            ctx.set(mask[i * seq + t] == 1 ? (float) v : 99f, i, t, h * headDim + c);
                        }
                    }
                }
            }
            listener.onContext(l, ctx, mask);
        }
    }
}
