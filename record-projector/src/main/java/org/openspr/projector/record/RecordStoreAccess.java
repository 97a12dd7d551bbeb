package org.openspr.projector.record;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Where the reader finds the stores holding a given patient. In one process every patient is local; a multi-instance
 * query service answers with the owning instance's stores (see {@code KafkaStreams.queryMetadataForKey}) or proxies.
 */
public interface RecordStoreAccess {
    /** The {@link RecordStores#RECORD_ITEMS} store holding this NHS number's items. */
    ReadOnlyKeyValueStore<String, StoredItem> items(String nhsNumber);

    /** The {@link RecordStores#TIMELINE} store holding this NHS number's timeline. */
    ReadOnlyKeyValueStore<String, String> timeline(String nhsNumber);

    /** The {@link RecordStores#UNAPPLIED_EVENTS} store holding this NHS number's failed events (same owner as its items). */
    ReadOnlyKeyValueStore<String, String> unapplied(String nhsNumber);

    /** The global {@link RecordStores#PATIENT_MERGES} store (complete on every instance). */
    ReadOnlyKeyValueStore<String, String> merges();
}
