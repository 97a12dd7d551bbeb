package org.openspr.audit.alerts;

import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.openspr.events.avro.AccessBasis;
import org.openspr.events.avro.AccessOutcome;
import org.openspr.events.avro.AuditAlertRaised;
import org.openspr.events.avro.AuditAlertRule;
import org.openspr.events.avro.RecordAccessed;

/** Rules that one event decides alone: break-glass use, and sensitive items returned. Alerts are keyed by user id. */
public final class SingleEventAlerter implements Processor<String, RecordAccessed, String, AuditAlertRaised> {
    private final AlertRules rules;
    private ProcessorContext<String, AuditAlertRaised> context;

    public SingleEventAlerter(AlertRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, AuditAlertRaised> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, RecordAccessed> record) {
        RecordAccessed event = record.value();
        String user = event.getActor().getUserId();
        if (event.getBasis() == AccessBasis.BREAK_GLASS) {
            emit(record, Alerts.alert(AuditAlertRule.BREAK_GLASS, event.getAuditId(), event.getOccurredAt(), user,
                    event.getPatientNhsNumber(), "break-glass access by " + user + " to " + event.getPatientNhsNumber()
                            + " (" + event.getOutcome() + "), reason: " + event.getBreakGlassReason(),
                    List.of(event.getAuditId()), null, null));
        }
        List<String> sensitive = event.getSensitivityLabelsReturned().stream().filter(rules::isSensitive).toList();
        if (event.getOutcome() == AccessOutcome.PERMITTED && !sensitive.isEmpty()) {
            emit(record, Alerts.alert(AuditAlertRule.SENSITIVE_ACCESS, event.getAuditId(), event.getOccurredAt(), user,
                    event.getPatientNhsNumber(), user + " was shown items labelled " + String.join(",", sensitive)
                            + " from the record of " + event.getPatientNhsNumber(),
                    List.of(event.getAuditId()), null, null));
        }
    }

    private void emit(Record<String, RecordAccessed> cause, AuditAlertRaised alert) {
        context.forward(new Record<>(alert.getUserId(), alert, cause.timestamp()));
    }
}
