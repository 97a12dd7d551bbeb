package org.openspr.audit.projection;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.openspr.events.avro.RecordAccessed;

/** Re-keys audit events by user id, so one user's events meet in one task for the per-user log and alert rules. */
public final class UserRekeyer implements Processor<String, RecordAccessed, String, RecordAccessed> {
    private ProcessorContext<String, RecordAccessed> context;

    @Override
    public void init(ProcessorContext<String, RecordAccessed> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, RecordAccessed> record) {
        context.forward(record.withKey(record.value().getActor().getUserId()));
    }
}
