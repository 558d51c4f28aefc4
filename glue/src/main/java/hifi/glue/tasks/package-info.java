/**
 * Task data: the {@link hifi.glue.tasks.GlueTask} registry (labels, metrics, file layouts of the nine GLUE tasks and
 * the UCI sentiment demo task), readers for the GLUE TSV files as {@code download_glue_data.py} wrote them and for
 * the UCI sentiment JSON, and the {@link hifi.glue.tasks.Example} they produce. Start at
 * {@link hifi.glue.tasks.TaskData#load}.
 */
package hifi.glue.tasks;
