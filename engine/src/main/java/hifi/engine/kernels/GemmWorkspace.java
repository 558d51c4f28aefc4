package hifi.engine.kernels;

/** Per-thread packing buffers, grown on demand and reused across calls so that a GEMM allocates nothing. */
final class GemmWorkspace {
    private static final ThreadLocal<GemmWorkspace> CURRENT = ThreadLocal.withInitial(GemmWorkspace::new);

    private float[] packedA = new float[0];
    private float[] packedB = new float[0];

    static GemmWorkspace current() {
        return CURRENT.get();
    }

    float[] packedA(int size) {
        if (packedA.length < size) packedA = new float[size];
        return packedA;
    }

    float[] packedB(int size) {
        if (packedB.length < size) packedB = new float[size];
        return packedB;
    }
}
