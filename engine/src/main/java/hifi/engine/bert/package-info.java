/**
 * BERT with Hugging Face semantics and names, as forward/backward pairs over a {@link hifi.engine.backend.Backend}.
 *
 * <p>{@link hifi.engine.bert.BertForSequenceClassification} is the entry point: build it from a model directory
 * ({@code load}), from any {@link hifi.engine.nn.WeightSource}, or randomly; {@code forward(batch, train, stepSeed,
 * listener)} runs one {@link hifi.engine.nn.PassContext} down the modules and returns a {@code ForwardPass} (logits,
 * loss, dLogits and the caches, which keep that context), and {@code backward(pass, grads)} accumulates the gradients
 * of exactly the slices a {@link hifi.engine.param.Trainable} selects into {@link hifi.engine.param.Gradients}. The
 * model is a {@link hifi.engine.param.TrainableModel}, which is how {@code hifi.engine.train} trains it;
 * {@link hifi.engine.bert.BertParameterGroups} names BERT's groups of tensors for a {@code Trainable}.
 *
 * <p>Head anatomy, in HF's {@code [out, in]} layout: head {@code h} owns <b>rows</b> {@code h·d_h .. (h+1)·d_h − 1} of
 * the query, key and value weights (and those bias entries) and <b>columns</b> {@code h·d_h .. (h+1)·d_h − 1} of
 * {@code attention.output.dense.weight}.
 *
 * <p>Layering: uses {@code nn}, {@code param}, {@code data}, {@code io}, {@code backend}, {@code runtime} and
 * {@code tensor}; never {@code train}.
 */
package hifi.engine.bert;
