package hifi.engine.nn;

import hifi.engine.backend.Backend;

/**
 * What one pass of a model runs under, handed down from module to module instead of a list of positional flags: the
 * {@code backend}, train or eval mode ({@code train}: dropout active), the {@code stepSeed} every dropout mask of the
 * pass derives from, and an optional {@code listener} that sees each layer's attention context. A module whose
 * forward depends on the mode keeps the context in its cache, so its backward reads mode and seed from there.
 *
 * @param listener may be {@code null}
 */
public record PassContext(Backend backend, boolean train, long stepSeed, HeadOutputListener listener) {

    /** Eval mode: dropout is the identity and no seed is used. */
    public static PassContext eval(Backend backend, HeadOutputListener listener) {
        return new PassContext(backend, false, 0L, listener);
    }
}
