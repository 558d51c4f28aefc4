package hifi.engine.io;

import java.util.Arrays;
import java.util.Random;

/** Test helper for fuzzing: one to a few seeded random edits of a byte array. */
public final class Mutations {
    private Mutations() {
    }

    /**
     * Returns a mutated copy: random byte overwrites, bit flips, interesting values (0, 0xFF, 0x7F, 0x80), inserted or
     * deleted runs, or truncation. {@code hotBytes} biases edits towards the first bytes (length prefixes, headers).
     */
    public static byte[] mutate(byte[] original, Random r, int hotBytes) {
        byte[] b = original.clone();
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = r.nextInt(4) == 0 ? r.nextInt(Math.min(hotBytes, b.length)) : r.nextInt(b.length);
            switch (r.nextInt(7)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 2 -> b[at] = new byte[] {0, (byte) 0xFF, 0x7F, (byte) 0x80, '"', ',', '}'}[r.nextInt(7)];
                case 3 -> b = Arrays.copyOf(b, r.nextInt(b.length));
                case 4 -> b = splice(b, at, Math.min(b.length - at, 1 + r.nextInt(8)), new byte[0]);
                case 5 -> {
                    byte[] ins = new byte[1 + r.nextInt(8)];
                    r.nextBytes(ins);
                    b = splice(b, at, 0, ins);
                }
                default -> {
                    int from = r.nextInt(b.length);
                    int len = Math.min(1 + r.nextInt(16), b.length - Math.max(from, at));
                    if (len > 0) System.arraycopy(b, from, b, at, len);
                }
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
