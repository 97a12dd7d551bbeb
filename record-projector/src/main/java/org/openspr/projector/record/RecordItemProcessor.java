package org.openspr.projector.record;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.RecordItem;

/** Stream processor around {@link RecordProjection}: events keyed by NHS number in, record view changes out. */
public final class RecordItemProcessor implements Processor<String, ClinicalEvent, String, RecordItem> {
    private ProcessorContext<String, RecordItem> context;
    private RecordProjection projection;

    @Override
    public void init(ProcessorContext<String, RecordItem> context) {
        this.context = context;
        this.projection = new RecordProjection(
                context.getStateStore(RecordStores.RECORD_ITEMS),
                context.getStateStore(RecordStores.ITEM_INDEX),
                context.getStateStore(RecordStores.FACT_INDEX),
                context.getStateStore(RecordStores.TIMELINE));
    }

    @Override
    public void process(Record<String, ClinicalEvent> record) {
        for (KeyValue<String, RecordItem> change : projection.apply(record.key(), record.value())) {
            context.forward(record.withKey(change.key).withValue(change.value));
        }
    }
}
