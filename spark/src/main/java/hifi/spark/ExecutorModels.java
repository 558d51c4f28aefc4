package hifi.spark;

import hifi.engine.backend.Backends;
import hifi.engine.bert.BertForSequenceClassification;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The models an executor JVM has built from a {@link ModelShipment} broadcast, kept for the next task: a task borrows
 * one (building it on first use, on a backend with as many threads as the task has cores) and gives it back. Tasks
 * that run at once get separate copies. Only the newest shipment's models are kept.
 */
final class ExecutorModels {
    private static final Map<Long, Queue<BertForSequenceClassification>> FREE = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    static BertForSequenceClassification borrow(Broadcast<ModelShipment> shipment) {
        long id = shipment.id();
        FREE.keySet().removeIf(other -> other < id);
        BertForSequenceClassification model = FREE.computeIfAbsent(id, k -> new ConcurrentLinkedQueue<>()).poll();
        if (model != null) return model;
        ModelShipment s = shipment.value();
        return s.build(Backends.byName(s.backendName(), taskThreads()));
    }

    static void giveBack(Broadcast<ModelShipment> shipment, BertForSequenceClassification model) {
        Queue<BertForSequenceClassification> free = FREE.get(shipment.id());
        if (free != null) free.add(model);
    }

    /** The cores of the running task ({@code spark.task.cpus}), 1 outside a task. */
    static int taskThreads() {
        TaskContext task = TaskContext.get();
        return task == null ? 1 : Math.max(1, task.cpus());
    }
}
