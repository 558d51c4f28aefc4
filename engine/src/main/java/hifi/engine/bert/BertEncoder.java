package hifi.engine.bert;

import hifi.engine.backend.PassScope;
import hifi.engine.data.Batch;
import hifi.engine.nn.LoraConfig;
import hifi.engine.nn.PassContext;
import hifi.engine.nn.WeightSource;
import hifi.engine.param.Gradients;
import hifi.engine.param.Parameter;
import hifi.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** The stack of encoder layers (HF {@code BertEncoder}). */
public final class BertEncoder {
    private final List<BertLayer> layers;

    public BertEncoder(BertConfig c, WeightSource w, String prefix) {
        this(c, w, prefix, null);
    }

    /** Every layer, with LoRA branches where {@code lora} (may be {@code null}) targets a projection. */
    public BertEncoder(BertConfig c, WeightSource w, String prefix, LoraConfig lora) {
        List<BertLayer> l = new ArrayList<>();
        for (int i = 0; i < c.numHiddenLayers(); i++) l.add(new BertLayer(c, w, prefix, i, lora));
        layers = List.copyOf(l);
    }

    public List<BertLayer> layers() {
        return layers;
    }

    public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>();
        for (BertLayer l : layers) p.addAll(l.parameters());
        return p;
    }

    /**
     * Runs every layer; the last cache's {@code out} is the sequence output. With {@code keepCaches == false} (inference)
     * only the last layer's cache is returned, so each layer's activations can be freed as soon as the next layer ran.
     * With {@code firstTokenOutput} the last layer carries only the first token of each sequence and its output is
     * {@code [B, hidden]} (see {@link BertLayer#forward(PassContext, Tensor, Batch, Tensor, boolean)}).
     */
    public List<BertLayer.Cache> forward(PassContext pass, Tensor x, Batch batch, boolean keepCaches, boolean firstTokenOutput) {
        Tensor mask = batch.additiveMask();
        List<BertLayer.Cache> caches = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            boolean firstTokenOnly = firstTokenOutput && i == layers.size() - 1;
            BertLayer.Cache c;
            if (keepCaches) {
                c = layers.get(i).forward(pass, x, batch, mask, firstTokenOnly);
            } else {
                // Inference: each layer is a frame that keeps only its output; its other activations go back to the pool.
                try (PassScope frame = pass.backend().openPass()) {
                    c = layers.get(i).forward(pass, x, batch, mask, firstTokenOnly);
                    frame.keep(c.out());
                }
                caches.clear();
            }
            caches.add(c);
            x = c.out();
            pass.backend().graphBoundary();
        }
        return caches;
    }

    /**
     * Backward from the top layer down, stopping below the lowest layer that has a trainable parameter. Returns the
     * gradient of the encoder input when {@code needInput} (trainable embeddings), otherwise {@code null}.
     */
    public Tensor backward(List<BertLayer.Cache> caches, Tensor dOut, Gradients grads, boolean needInput) {
        boolean[] needBelow = new boolean[layers.size()];
        boolean any = needInput;
        for (int i = 0; i < layers.size(); i++) {
            needBelow[i] = any;
            any |= layers.get(i).isTrainable(grads);
        }
        Tensor d = dOut;
        for (int i = layers.size() - 1; i >= 0 && d != null; i--) {
            d = layers.get(i).backward(caches.get(i), d, grads, needBelow[i]);
            caches.get(i).pass().backend().graphBoundary();
        }
        return d;
    }

    /** True if any encoder layer has a trainable parameter. */
    public boolean isTrainable(Gradients grads) {
        for (BertLayer l : layers) if (l.isTrainable(grads)) return true;
        return false;
    }
}
