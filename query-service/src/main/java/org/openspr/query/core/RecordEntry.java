package org.openspr.query.core;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.Coding;

/**
 * One item of a patient's record as the query side sees it: the projector's record item without its storage details.
 *
 * @param current        the current version, or null when the item was entered in error
 * @param clinicalTime   when it happened clinically (may be null, e.g. demographics)
 * @param sensitivity    sensitivity labels (e.g. v3-ActCode PSY, SEX, HIV, ETH)
 */
public record RecordEntry(Section section, String itemId, ClinicalEvent current, boolean enteredInError,
                          boolean conflict, Instant clinicalTime, List<Coding> sensitivity, List<EntrySource> sources,
                          Set<String> labelCodes) {

    /**
     * @param labelCodes always derived from {@code sensitivity} (any value given is ignored): the label codes of this
     *                   entry, systems ignored (a code such as HIV means the same in any of them); worked out once, as
     *                   every access decision reads them
     */
    public RecordEntry {
        sensitivity = sensitivity == null ? List.of() : List.copyOf(sensitivity);
        sources = sources == null ? List.of() : List.copyOf(sources);
        labelCodes = codesOf(sensitivity);
    }

    public RecordEntry(Section section, String itemId, ClinicalEvent current, boolean enteredInError, boolean conflict,
                       Instant clinicalTime, List<Coding> sensitivity, List<EntrySource> sources) {
        this(section, itemId, current, enteredInError, conflict, clinicalTime, sensitivity, sources, null);
    }

    /** The payload of the current version, or null. */
    public Object payload() {
        return current == null ? null : current.getPayload();
    }

    private static Set<String> codesOf(List<Coding> sensitivity) {
        if (sensitivity.isEmpty()) {
            return Set.of();
        }
        Set<String> codes = new HashSet<>();
        for (Coding label : sensitivity) {
            codes.add(label.getCode());
        }
        return Set.copyOf(codes);
    }
}
