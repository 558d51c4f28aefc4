/**
 * Modules with a {@code forward} that returns a cache holding exactly what the backward needs, and a {@code backward}
 * that skips every frozen weight gradient (llm.c style). Model code never loops over floats; every op is a
 * {@link hifi.engine.backend.Backend} call.
 */
package hifi.engine.nn;
