package org.openspr.projector.app;

import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.openspr.events.errors.SprException;
import org.openspr.projector.ProjectorErrorCode;
import org.openspr.projector.record.RecordStoreAccess;
import org.openspr.projector.record.RecordStores;
import org.openspr.projector.record.StoredItem;

/**
 * Store access through interactive queries on this instance: right when this instance owns every partition. A patient's
 * stores are opened on the one partition that holds the patient (from the Streams metadata), so a scan of a patient
 * does not open an iterator on every partition of the instance.
 */
public final class LocalRecordStores implements RecordStoreAccess {
    private static final StringSerializer KEYS = new StringSerializer();
    private final Supplier<KafkaStreams> streams;

    public LocalRecordStores(KafkaStreams streams) {
        this(() -> streams);
    }

    /** Over whichever Streams instance serves at the time of each read (see {@link ServingProjector}). */
    public LocalRecordStores(Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    @Override
    public ReadOnlyKeyValueStore<String, StoredItem> items(String nhsNumber) {
        return patientStore(RecordStores.RECORD_ITEMS, nhsNumber);
    }

    @Override
    public ReadOnlyKeyValueStore<String, String> timeline(String nhsNumber) {
        return patientStore(RecordStores.TIMELINE, nhsNumber);
    }

    @Override
    public ReadOnlyKeyValueStore<String, String> unapplied(String nhsNumber) {
        return patientStore(RecordStores.UNAPPLIED_EVENTS, nhsNumber);
    }

    @Override
    public ReadOnlyKeyValueStore<String, String> merges() {
        return store(streams.get(), RecordStores.PATIENT_MERGES);
    }

    static ReadOnlyKeyValueStore<String, Long> parkedCounts(KafkaStreams streams) {
        return store(streams, RecordStores.PARKED_COUNTS);
    }

    // Events reach these stores keyed by NHS number, so the number's partition is the one holding its entries.
    private <V> ReadOnlyKeyValueStore<String, V> patientStore(String name, String nhsNumber) {
        KafkaStreams current = streams.get();
        KeyQueryMetadata metadata = current.queryMetadataForKey(name, nhsNumber, KEYS);
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> query = parameters(name);
        // metadata not known yet: every local partition (correct, only slower)
        return store(current, metadata == null || metadata.partition() < 0 ? query : query.withPartition(metadata.partition()));
    }

    /** A queryable store, or SPR-3007 while the instance is rebalancing or restoring (callers answer 503 + Retry-After). */
    public static <V> ReadOnlyKeyValueStore<String, V> store(KafkaStreams streams, String name) {
        return store(streams, LocalRecordStores.<V>parameters(name));
    }

    private static <V> StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters(String name) {
        return StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore());
    }

    private static <V> ReadOnlyKeyValueStore<String, V> store(KafkaStreams streams,
                                                             StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> query) {
        try {
            return streams.store(query);
        } catch (InvalidStateStoreException e) {
            throw new SprException(e, ProjectorErrorCode.STORE_NOT_READY, query.storeName(), streams.state());
        }
    }
}
