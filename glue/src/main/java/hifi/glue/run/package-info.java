/**
 * Sweeps: a grid of runs from one JSON config ({@link hifi.glue.run.SweepConfig}), run and resumed by
 * {@link hifi.glue.run.SweepRunner} through a {@link hifi.glue.run.RunExecutor}, summarised in markdown.
 */
package hifi.glue.run;
