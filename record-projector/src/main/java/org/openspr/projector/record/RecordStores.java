package org.openspr.projector.record;

/**
 * Names of the projector's state stores, shared with the query side (interactive queries look stores up by these
 * names). Changelog topics are named after them ({@code <application.id>-<store>-changelog}), so renaming one
 * loses its state: never rename.
 */
public final class RecordStores {
    /** Local identifier key ({@code system|value}) to the NHS number it is linked to. */
    public static final String IDENTITY_LINKS = "projector-identity-links";
    /** Clinical events waiting for their local identifier to be linked, keyed {@code localKey<US>sequence}. */
    public static final String PARKED_EVENTS = "projector-parked-events";
    /** How many events are parked per local identifier key (the operator view). */
    public static final String PARKED_COUNTS = "projector-parked-counts";
    /** Local merges waiting for the surviving identifier's link: {@code survivingKey<US>supersededKey -> superseded system<US>value}. */
    public static final String PENDING_LOCAL_MERGES = "projector-pending-local-merges";
    /** Record items keyed {@code nhsNumber/SECTION/itemId}; read a patient or a section by prefix. */
    public static final String RECORD_ITEMS = "projector-record-items";
    /**
     * Source item id to where its record item lives, {@code nhsNumber/sourceItemId -> SECTION/canonicalItemId}, for
     * sources whose item is not simply their own (under their own id, in their payload type's section): sources
     * folded into another source's item as the same fact. Stores written before 2026-11-23 index every source.
     */
    public static final String ITEM_INDEX = "projector-item-index";
    /** Same-fact index: {@code nhsNumber/SECTION/factKey -> canonicalItemId}, so one fact from two sources is one item. */
    public static final String FACT_INDEX = "projector-fact-index";
    /** Timeline keyed {@code nhsNumber/clinicalTime/SECTION/itemId}; read a patient's time range by key range. */
    public static final String TIMELINE = "projector-timeline";
    /** Events of a patient that failed to apply (and went to the dead-letter topic): {@code nhsNumber/eventId -> reason}. */
    public static final String UNAPPLIED_EVENTS = "projector-unapplied-events";
    /** Global store of merges in force: superseded NHS number to surviving NHS number. */
    public static final String PATIENT_MERGES = "projector-patient-merges";

    private RecordStores() {
    }
}
