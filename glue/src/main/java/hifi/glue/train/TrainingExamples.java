package hifi.glue.train;

import hifi.engine.data.TrainingExample;
import hifi.engine.tokenizer.Encoding;
import hifi.glue.model.EncodedSplit;
import hifi.glue.tasks.Example;

import java.util.ArrayList;
import java.util.List;

/** A labelled, encoded split as the trainer's examples (token ids, segment ids, class label or regression target). */
public final class TrainingExamples {
    private TrainingExamples() {
    }

    public static List<TrainingExample> of(EncodedSplit split, boolean regression) {
        List<TrainingExample> out = new ArrayList<>(split.size());
        for (int i = 0; i < split.size(); i++) {
            Example e = split.split().examples().get(i);
            Encoding enc = split.encodings().get(i);
            if (!e.hasGold()) {
                throw new IllegalArgumentException(split.split().source() + ": example " + e.id() + " has no gold answer");
            }
            out.add(regression ? TrainingExample.regression(enc.ids(), enc.typeIds(), e.target())
                    : TrainingExample.classification(enc.ids(), enc.typeIds(), e.label()));
        }
        return out;
    }
}
