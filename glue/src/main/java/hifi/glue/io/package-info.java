/** Files: atomic writes, the JSON-lines metrics log and the schema of its records. */
package hifi.glue.io;
