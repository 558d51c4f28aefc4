package hifi.spark;

import hifi.engine.data.Batch;

import java.io.Serializable;

/** A {@link Batch} on its way to an executor (the record's arrays, which Spark serialises). */
record ShippedBatch(int[] ids, int[] tokenTypes, int[] attentionMask, int size, int seqLen, int[] labels, float[] targets)
        implements Serializable {

    static ShippedBatch of(Batch b) {
        return new ShippedBatch(b.ids(), b.tokenTypes(), b.attentionMask(), b.batch(), b.seqLen(), b.labels(), b.targets());
    }

    Batch unpack() {
        return new Batch(ids, tokenTypes, attentionMask, size, seqLen, labels, targets);
    }
}
