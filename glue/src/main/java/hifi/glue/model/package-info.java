/**
 * Models for tasks: a converted model directory opened for a task ({@link hifi.glue.model.TaskModel}, with clear
 * errors for wrong models), examples to unpadded encodings ({@link hifi.glue.model.TaskEncoder}), length-grouped
 * inference batches padded to their longest sequence ({@link hifi.glue.model.InferenceBatches}), and predictions with
 * the official metrics ({@link hifi.glue.model.Predictor}, {@link hifi.glue.model.EncodedSplit}).
 */
package hifi.glue.model;
