package hifi.method.select;

import hifi.engine.nn.HeadOutputListener;

import java.util.List;

/**
 * The frozen encoder as head selection sees it: tokenise a batch of examples (truncated to {@code maxLength},
 * padded to the batch's longest), run the forward pass in eval mode without gradients, and report every layer's
 * attention context to the listener in layer order.
 */
public interface HeadOutputModel {

    int layers();

    int heads();

    /** For logs and {@code heads.json}, e.g. the model directory and its size. */
    String description();

    void forward(List<TextExample> batch, int maxLength, HeadOutputListener listener);
}
