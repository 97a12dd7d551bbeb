package org.openspr.audit.projection;

import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.openspr.events.avro.RecordAccessed;

/**
 * Files each audit event under {@code subject|occurredAt|auditId} in an access-log store (subject = patient or
 * user) and, when it has a sink, forwards it under that key. Events without a subject (no patient named) are not
 * part of that log. Re-processing the same event rewrites the same key, so replays do not duplicate.
 */
public final class AccessLogProjector implements Processor<String, RecordAccessed, String, RecordAccessed> {
    private final String storeName;
    private final Function<RecordAccessed, String> subject;
    private final boolean forward;
    private ProcessorContext<String, RecordAccessed> context;
    private KeyValueStore<String, RecordAccessed> store;

    public AccessLogProjector(String storeName, Function<RecordAccessed, String> subject, boolean forward) {
        this.storeName = storeName;
        this.subject = subject;
        this.forward = forward;
    }

    @Override
    public void init(ProcessorContext<String, RecordAccessed> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, RecordAccessed> record) {
        RecordAccessed event = record.value();
        String who = subject.apply(event);
        if (who == null) {
            return;
        }
        String key = AccessLogKeys.key(who, event.getOccurredAt(), event.getAuditId());
        store.put(key, event);
        if (forward) {
            context.forward(record.withKey(key));
        }
    }
}
