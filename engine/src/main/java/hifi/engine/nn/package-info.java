/**
 * Modules with a {@code forward} that returns a cache holding exactly what the backward needs, and a {@code backward}
 * that skips every frozen weight gradient (llm.c style). Model code never loops over floats; every op is a
 * {@link hifi.engine.backend.Backend} call.
 *
 * <p>A module whose forward depends on the mode (dropout, attention) takes a {@link hifi.engine.nn.PassContext}
 * (backend, train or eval, step seed, {@link hifi.engine.nn.HeadOutputListener}) and keeps it in its cache, so its
 * backward takes no mode or seed of its own.
 *
 * <p>Layering: uses {@code param}, {@code backend}, {@code runtime} and {@code tensor}; never {@code kernels} or
 * {@code train}.
 */
package hifi.engine.nn;
