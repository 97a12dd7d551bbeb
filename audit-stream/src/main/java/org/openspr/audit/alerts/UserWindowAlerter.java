package org.openspr.audit.alerts;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.openspr.audit.alerts.UserActivityWindow.Access;
import org.openspr.events.avro.AccessOutcome;
import org.openspr.events.avro.AuditAlertRaised;
import org.openspr.events.avro.AuditAlertRule;
import org.openspr.events.avro.RecordAccessed;

/**
 * Per-user windowed rules over events keyed by user id: unusually many distinct patients read within a window,
 * and repeated denials within a window. Windows slide on the events' occurredAt.
 */
public final class UserWindowAlerter implements Processor<String, RecordAccessed, String, AuditAlertRaised> {
    private final String storeName;
    private final AlertRules rules;
    private ProcessorContext<String, AuditAlertRaised> context;
    private KeyValueStore<String, byte[]> store;

    public UserWindowAlerter(String storeName, AlertRules rules) {
        this.storeName = storeName;
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, AuditAlertRaised> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, RecordAccessed> record) {
        RecordAccessed event = record.value();
        String user = event.getActor().getUserId();
        long at = event.getOccurredAt().toEpochMilli();
        byte[] stored = store.get(user);
        UserActivityWindow window = stored == null ? UserActivityWindow.empty() : UserActivityWindow.fromBytes(stored);
        boolean changed = false;
        if (event.getOutcome() == AccessOutcome.PERMITTED && event.getPatientNhsNumber() != null) {
            window.patients.removeIf(access -> access.patient().equals(event.getPatientNhsNumber()));
            window.patients.add(new Access(at, event.getPatientNhsNumber(), event.getAuditId()));
            UserActivityWindow.prune(window.patients, at - rules.volumeWindow().toMillis());
            if (window.patients.size() >= rules.distinctPatientThreshold()) {
                emit(record, AuditAlertRule.UNUSUAL_VOLUME, event, window.patients, user + " read "
                        + window.patients.size() + " distinct patients within " + rules.volumeWindow());
            }
            changed = true;
        }
        if (event.getOutcome() == AccessOutcome.DENIED) {
            window.denials.add(new Access(at, "", event.getAuditId()));
            UserActivityWindow.prune(window.denials, at - rules.denialWindow().toMillis());
            if (window.denials.size() >= rules.denialThreshold()) {
                emit(record, AuditAlertRule.REPEATED_DENIALS, event, window.denials, user + " was denied "
                        + window.denials.size() + " times within " + rules.denialWindow());
            }
            changed = true;
        }
        if (changed) {
            store.put(user, window.toBytes());
        }
    }

    private void emit(Record<String, RecordAccessed> cause, AuditAlertRule rule, RecordAccessed event, List<Access> behind,
            String summary) {
        List<String> auditIds = behind.stream().map(Access::auditId).toList();
        AuditAlertRaised alert = Alerts.alert(rule, event.getAuditId(), event.getOccurredAt(), event.getActor().getUserId(),
                null, summary, auditIds, Instant.ofEpochMilli(behind.get(0).at()), event.getOccurredAt());
        behind.clear(); // the next alert needs a fresh threshold's worth of events
        context.forward(new Record<>(alert.getUserId(), alert, cause.timestamp()));
    }
}
