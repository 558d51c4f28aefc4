/** Files: the JSON-lines metrics log and the schema of its records, and markdown tables. */
package hifi.glue.io;
