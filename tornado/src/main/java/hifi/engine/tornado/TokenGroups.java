package hifi.engine.tornado;

import java.util.Arrays;

/**
 * A batch's tokens grouped by id, for the embedding scatter-add on the device ({@link TrainingKernels#scatterAdd}):
 * one work-item per (distinct id, column) adds that id's tokens in token order, so repeated ids sum as in the
 * engine's reference, bit for bit, without two work-items touching one element.
 */
final class TokenGroups {
    private TokenGroups() {
    }

    /**
     * The tokens grouped by id for the scatter-add, as floats (exact below 2²⁴): the distinct ids ascending, the
     * offsets of their groups ({@code groups + 1}), then each group's token indices in token order.
     */
    static float[] byId(int[] ids) {
        int n = ids.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) keys[i] = (long) ids[i] << 32 | i;
        Arrays.sort(keys);   // by id, then by token index: each group keeps token order
        int groups = 0;
        for (int i = 0; i < n; i++) if (i == 0 || keys[i] >>> 32 != keys[i - 1] >>> 32) groups++;
        float[] out = new float[2 * groups + 1 + n];
        for (int i = 0, g = -1; i < n; i++) {
            int id = (int) (keys[i] >>> 32);
            if (i == 0 || id != (int) (keys[i - 1] >>> 32)) {
                out[++g] = id;
                out[groups + g] = i;
            }
            out[2 * groups + 1 + i] = (int) keys[i];
        }
        out[2 * groups] = n;
        return out;
    }
}
