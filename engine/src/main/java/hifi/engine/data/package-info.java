/**
 * The model input: tokenised examples ({@link hifi.engine.data.TrainingExample}) and padded batches of them
 * ({@link hifi.engine.data.Batch}). Below {@code param}, {@code bert} and {@code train}, which all read batches;
 * depends on {@code tensor} only.
 */
package hifi.engine.data;
