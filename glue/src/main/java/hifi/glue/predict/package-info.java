/** GLUE-submission files: {@code index\tprediction} TSVs named and labelled as the GLUE server expects. */
package hifi.glue.predict;
