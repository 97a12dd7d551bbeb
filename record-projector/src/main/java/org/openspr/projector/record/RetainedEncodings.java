package org.openspr.projector.record;

import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.serde.ConfluentWireFormat;

/**
 * The wire bytes of clinical events this thread read recently, so that storing an event as an item's version copies
 * its Avro body instead of encoding the event again. Only events written with the very schema the store writes
 * (the current ClinicalEvent schema) are remembered: their Avro body is then what encoding the decoded event gives.
 * Looked up by identity, so only the decoded instance itself (which the projector never changes) finds its bytes.
 *
 * <p>Streams decodes a few records ahead of the one it processes (the head of each input partition of each of the
 * thread's tasks), so this keeps the last {@value #SLOTS}; an event not found here is simply encoded.
 */
final class RetainedEncodings {
    /** Where the Avro body starts in the wire bytes. */
    static final int BODY = ConfluentWireFormat.HEADER_LENGTH;
    private static final int SLOTS = 64;
    private static final ThreadLocal<RetainedEncodings> PER_THREAD = ThreadLocal.withInitial(RetainedEncodings::new);

    private final ClinicalEvent[] events = new ClinicalEvent[SLOTS];
    private final byte[][] wires = new byte[SLOTS][];
    private int next;

    private RetainedEncodings() {
    }

    /** Remembers, for this thread, that {@code event} was decoded from {@code wire} (Confluent wire format, current schema). */
    static void remember(ClinicalEvent event, byte[] wire) {
        RetainedEncodings mine = PER_THREAD.get();
        mine.events[mine.next] = event;
        mine.wires[mine.next] = wire;
        mine.next = (mine.next + 1) % SLOTS;
    }

    /** The wire bytes this thread decoded {@code event} from, or null; the Avro body starts at {@link #BODY}. */
    static byte[] wireOf(ClinicalEvent event) {
        RetainedEncodings mine = PER_THREAD.get();
        for (int i = 0; i < SLOTS; i++) {
            if (mine.events[i] == event) {
                return mine.wires[i];
            }
        }
        return null;
    }
}
