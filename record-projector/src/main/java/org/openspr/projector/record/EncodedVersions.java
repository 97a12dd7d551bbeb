package org.openspr.projector.record;

import java.io.IOException;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.RecordItem;

/**
 * The Avro encodings of an item's history, each version encoded once (or copied from the bytes it was read from,
 * see {@link RetainedEncodings}). An item names the same version up to three
 * times (in its history, as a source's latest and as current); writers copy these bytes instead of re-encoding.
 * One instance per thread, shared by the store format and the view-changes writer: the projector stores an item and
 * then sends it, and the second encoding is the first one's bytes. Versions are treated as values once made (nothing
 * in the projector changes an event in place); a history list that was replaced or changed is encoded again.
 */
final class EncodedVersions {
    private static final SpecificDatumWriter<ClinicalEvent> WRITER = new SpecificDatumWriter<>(ClinicalEvent.getClassSchema());
    private static final ThreadLocal<EncodedVersions> PER_THREAD = ThreadLocal.withInitial(EncodedVersions::new);
    private static final ClinicalEvent[] NONE = new ClinicalEvent[0];

    private final ByteSink bytes = new ByteSink();
    private int[] ends = new int[16];
    private List<ClinicalEvent> history = List.of();
    private ClinicalEvent[] encoded = NONE;
    private BinaryEncoder encoder;

    private EncodedVersions() {
    }

    /** This thread's encodings of the item's history; {@link #indexOf} then finds current and sources' versions among it. */
    static EncodedVersions of(RecordItem item) throws IOException {
        return PER_THREAD.get().encode(item);
    }

    private EncodedVersions encode(RecordItem item) throws IOException {
        if (item.getHistory() == history && unchanged()) {
            return this;
        }
        history = item.getHistory();
        encoded = history.toArray(NONE);
        bytes.reset();
        if (ends.length < encoded.length) {
            ends = new int[Math.max(encoded.length, ends.length * 2)];
        }
        encoder = EncoderFactory.get().binaryEncoder(bytes, encoder);
        for (int i = 0; i < encoded.length; i++) {
            byte[] wire = RetainedEncodings.wireOf(encoded[i]);
            if (wire != null) {
                bytes.write(wire, RetainedEncodings.BODY, wire.length - RetainedEncodings.BODY);
            } else {
                WRITER.write(encoded[i], encoder);
                encoder.flush();
            }
            ends[i] = bytes.size();
        }
        return this;
    }

    private boolean unchanged() {
        if (history.size() != encoded.length) {
            return false;
        }
        for (int i = 0; i < encoded.length; i++) {
            if (history.get(i) != encoded[i]) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return history.size();
    }

    /** Index of this version in the history (same object, else same event id: history holds each id once), or -1. */
    int indexOf(ClinicalEvent version) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i) == version) {
                return i;
            }
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).getEventId().equals(version.getEventId())) {
                return i;
            }
        }
        return -1;
    }

    /** Writes version {@code index}'s encoding, as the Avro encoding of a ClinicalEvent field. */
    void writeTo(BinaryEncoder out, int index) throws IOException {
        int start = index == 0 ? 0 : ends[index - 1];
        out.writeFixed(bytes.buffer(), start, ends[index] - start);
    }

    /** Encodes a version that is not in the history (never the case for items the projector made). */
    static void writeOther(BinaryEncoder out, ClinicalEvent version) throws IOException {
        WRITER.write(version, out);
    }
}
