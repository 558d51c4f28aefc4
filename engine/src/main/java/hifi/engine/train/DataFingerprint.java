package hifi.engine.train;

import hifi.engine.data.TrainingExample;

import java.util.List;

/** A 64-bit fingerprint of training examples (ids, token types, labels, targets) so a resume can refuse other data. */
final class DataFingerprint {
    private DataFingerprint() {
    }

    static String of(List<TrainingExample> data) {
        long h = 1125899906842597L;
        for (TrainingExample e : data) {
            h = mix(h, e.ids().length);
            for (int id : e.ids()) h = mix(h, id);
            if (e.tokenTypes() != null) for (int t : e.tokenTypes()) h = mix(h, t);
            h = mix(h, e.label());
            h = mix(h, Float.floatToRawIntBits(e.target()));
        }
        return data.size() + ":" + Long.toHexString(h);
    }

    private static long mix(long h, long v) {
        return (h ^ v) * 0x100000001B3L + (h >>> 29);
    }
}
