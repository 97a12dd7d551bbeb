package org.openspr.projector.identity;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.openspr.events.avro.IdentityEvent;
import org.openspr.events.avro.LocalIdentifier;
import org.openspr.events.avro.NhsNumberLinked;
import org.openspr.events.ids.EventIds;

/**
 * A source merged two of its local records (superseded into surviving). The surviving identifier's link lives in its
 * own task, so this task turns the merge into a link of the superseded identifier to the survivor's NHS number and
 * publishes it as an identity event; it reaches the superseded identifier's task like any other link and releases
 * what is parked there. Until the survivor is linked, the merge waits here.
 */
final class LocalMerges {
    /** Basis of links derived from a local merge. */
    static final String BASIS = "LOCAL_IDENTIFIERS_MERGED";
    private static final char SEP = '\u001f';
    private final KeyValueStore<String, String> pending;

    LocalMerges(KeyValueStore<String, String> pending) {
        this.pending = pending;
    }

    void await(String survivingKey, LocalIdentifier superseded) {
        pending.put(survivingKey + SEP + LocalKeys.of(superseded), superseded.getSystem() + SEP + superseded.getValue());
    }

    /** Removes and returns the identifiers merged into this surviving key while it was unlinked. */
    List<LocalIdentifier> takeWaiting(String survivingKey) {
        List<KeyValue<String, String>> entries = new ArrayList<>();
        try (KeyValueIterator<String, String> it = pending.prefixScan(survivingKey + SEP, new StringSerializer())) {
            it.forEachRemaining(entries::add);
        }
        List<LocalIdentifier> identifiers = new ArrayList<>(entries.size());
        for (KeyValue<String, String> entry : entries) {
            int split = entry.value.indexOf(SEP);
            identifiers.add(new LocalIdentifier(entry.value.substring(0, split), entry.value.substring(split + 1), null));
            pending.delete(entry.key);
        }
        return identifiers;
    }

    /** The derived link; its id is deterministic, so re-processing after a crash publishes the same event. */
    static IdentityEvent derivedLink(IdentityEvent cause, LocalIdentifier superseded, String nhsNumber) {
        return IdentityEvent.newBuilder(cause)
                .setEventId(EventIds.eventId("spr-projector", cause.getEventId() + "|" + LocalKeys.of(superseded), nhsNumber))
                .setChange(new NhsNumberLinked(nhsNumber, superseded, BASIS))
                .build();
    }
}
