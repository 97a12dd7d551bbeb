package org.openspr.projector.record;

import org.openspr.events.avro.RecordSection;

/**
 * Key layouts of the record stores. Keys are strings whose byte order (RocksDB's order) groups a patient, then a
 * section, then an item, so a patient or a section is one prefix scan and the cost of touching one item does not
 * depend on how many others the patient has.
 */
public final class RecordKeys {
    public static final char SEP = '/';
    // Shifts clinical times so that every time from year -1200 on is a non-negative 15-digit number and sorts as text.
    private static final long TIME_OFFSET = 100_000_000_000_000L;

    private RecordKeys() {
    }

    public static String patientPrefix(String nhsNumber) {
        return nhsNumber + SEP;
    }

    public static String sectionPrefix(String nhsNumber, RecordSection section) {
        return nhsNumber + SEP + section.name() + SEP;
    }

    public static String item(String nhsNumber, RecordSection section, String itemId) {
        return sectionPrefix(nhsNumber, section) + itemId;
    }

    /** The section of an item key, given where the section name starts (the length of the patient prefix). */
    public static RecordSection itemSection(String itemKey, int sectionStart) {
        return RecordSection.valueOf(itemKey.substring(sectionStart, itemKey.indexOf(SEP, sectionStart)));
    }

    public static String itemIndex(String nhsNumber, String sourceItemId) {
        return nhsNumber + SEP + sourceItemId;
    }

    public static String itemRef(RecordSection section, String itemId) {
        return section.name() + SEP + itemId;
    }

    public static RecordSection refSection(String itemRef) {
        return RecordSection.valueOf(itemRef.substring(0, itemRef.indexOf(SEP)));
    }

    public static String refItemId(String itemRef) {
        return itemRef.substring(itemRef.indexOf(SEP) + 1);
    }

    public static String fact(String nhsNumber, RecordSection section, String factKey) {
        return sectionPrefix(nhsNumber, section) + factKey;
    }

    public static String timeline(String nhsNumber, java.time.Instant clinicalTime, RecordSection section, String itemId) {
        return timelineAt(nhsNumber, clinicalTime.toEpochMilli()) + SEP + section.name() + SEP + itemId;
    }

    /** Lowest timeline key at or after this time. */
    public static String timelineAt(String nhsNumber, long clinicalTime) {
        // Hand-padded rather than String.format: this runs for every event.
        String digits = Long.toString(clinicalTime + TIME_OFFSET);
        return nhsNumber + SEP + "000000000000000".substring(Math.min(15, digits.length())) + digits;
    }

    /** Highest timeline key at this time (inclusive upper bound of a range). */
    public static String timelineUpTo(String nhsNumber, long clinicalTime) {
        return timelineAt(nhsNumber, clinicalTime) + SEP + '\uffff';
    }
}
