/** The demo's bundled model: all-MiniLM-L6-v2 from its Maven jar on the class path, converted once into a cache. */
package hifi.glue.demo;
