package hifi.engine.train;

/** One evaluation on the dev set: after update {@code step} (during or at the end of {@code epoch}), its metric. */
public record Evaluation(long step, int epoch, double metric, boolean improved) {
}
