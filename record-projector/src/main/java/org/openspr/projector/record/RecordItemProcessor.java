package org.openspr.projector.record;

import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.RecordItem;

/** Stream processor around {@link RecordProjection}: events keyed by NHS number in, record view changes out. */
public final class RecordItemProcessor implements Processor<String, ClinicalEvent, String, RecordItem> {
    private ProcessorContext<String, RecordItem> context;
    private RecordProjection projection;
    private KeyValueStore<String, String> unapplied;
    private boolean mayHaveUnapplied;

    @Override
    public void init(ProcessorContext<String, RecordItem> context) {
        this.context = context;
        this.projection = new RecordProjection(
                context.getStateStore(RecordStores.RECORD_ITEMS),
                context.getStateStore(RecordStores.ITEM_INDEX),
                context.getStateStore(RecordStores.FACT_INDEX),
                context.getStateStore(RecordStores.TIMELINE));
        this.unapplied = context.getStateStore(RecordStores.UNAPPLIED_EVENTS);
        // Init runs after the task's stores are restored. This processor is the only writer of the store, so while it
        // is empty no event needs the per-event "was it unapplied before?" read.
        try (KeyValueIterator<String, String> all = unapplied.all()) {
            this.mayHaveUnapplied = all.hasNext();
        }
    }

    @Override
    public void process(Record<String, ClinicalEvent> record) {
        List<KeyValue<String, RecordItem>> changes;
        try {
            changes = projection.apply(record.key(), record.value());
        } catch (RuntimeException e) {
            // Not handled here: the processing handler dead-letters the event. The marker stays with the patient so
            // the record says it is incomplete, instead of later events silently overtaking the failed one.
            mayHaveUnapplied = true;
            unapplied.put(marker(record), String.valueOf(e.getMessage()));
            throw e;
        }
        if (mayHaveUnapplied) {
            String marker = marker(record);
            if (unapplied.get(marker) != null) {
                unapplied.delete(marker); // the event was repaired and re-published
            }
        }
        for (KeyValue<String, RecordItem> change : changes) {
            context.forward(record.withKey(change.key).withValue(change.value));
        }
    }

    private static String marker(Record<String, ClinicalEvent> record) {
        return RecordKeys.itemIndex(record.key(), record.value().getEventId());
    }
}
