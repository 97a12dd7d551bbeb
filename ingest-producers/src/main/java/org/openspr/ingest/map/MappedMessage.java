package org.openspr.ingest.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.IdentityEvent;

/**
 * The result of mapping one inbound message: its events, its identity events and the fate of every item.
 * A message is rejected as a whole when {@link #rejection()} is set (then nothing but the dead letter is published).
 */
public final class MappedMessage {
    private final MessageContext context;
    private final List<ClinicalEvent> clinicalEvents = new ArrayList<>();
    private final Map<String, IdentityEvent> identityEvents = new LinkedHashMap<>();
    private final List<ItemOutcome> outcomes = new ArrayList<>();
    private IngestRejection rejection;

    public MappedMessage(MessageContext context) {
        this.context = context;
    }

    public MessageContext context() {
        return context;
    }

    public void addEvent(ClinicalEvent event) {
        clinicalEvents.add(event);
    }

    /** Adds an identity event once per message, however many items repeat the same link. */
    public void addIdentity(IdentityEvent event) {
        identityEvents.putIfAbsent(event.getEventId(), event);
    }

    public void addOutcome(ItemOutcome outcome) {
        outcomes.add(outcome);
    }

    public void reject(IngestRejection reason) {
        if (rejection == null) {
            rejection = reason;
        }
    }

    /** All-or-nothing (FHIR transaction): nothing is recorded, every item that would have been is rejected with the cause. */
    public void rollback(IngestRejection cause) {
        reject(cause);
        clinicalEvents.clear();
        identityEvents.clear();
        for (int i = 0; i < outcomes.size(); i++) {
            ItemOutcome o = outcomes.get(i);
            if (o.status() == ItemOutcome.Status.RECORDED) {
                outcomes.set(i, new ItemOutcome(o.location(), o.itemType(), ItemOutcome.Status.REJECTED,
                        cause.errorCode().code(), cause.getMessage(), java.util.List.of()));
            }
        }
    }

    public IngestRejection rejection() {
        return rejection;
    }

    public boolean rejected() {
        return rejection != null;
    }

    public List<ClinicalEvent> clinicalEvents() {
        return clinicalEvents;
    }

    public List<IdentityEvent> identityEvents() {
        return new ArrayList<>(identityEvents.values());
    }

    public List<ItemOutcome> outcomes() {
        return outcomes;
    }

    public long count(ItemOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }
}
