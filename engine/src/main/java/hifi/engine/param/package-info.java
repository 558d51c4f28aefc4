/**
 * Learnable parameters and what a trainer needs to know of them, for any model: {@link hifi.engine.param.Parameter}
 * (a named tensor, with the axis its attention heads split), {@link hifi.engine.param.Trainable} (which whole tensors,
 * by {@link hifi.engine.param.ParameterGroup group} or layer, and which (layer, head) row or column slices learn),
 * {@link hifi.engine.param.Gradients} (storage for exactly those slices) and the
 * {@link hifi.engine.param.TrainableModel} contract that {@code hifi.engine.train} trains through.
 *
 * <p>Layering: below {@code nn}, {@code bert} and {@code train}; depends on {@code backend}, {@code data},
 * {@code runtime} and {@code tensor} only. Model-specific names (BERT's groups, its HF parameter names) live with the
 * model.
 */
package hifi.engine.param;
