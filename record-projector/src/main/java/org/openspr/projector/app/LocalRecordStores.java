package org.openspr.projector.app;

import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.errors.SprException;
import org.openspr.projector.ProjectorErrorCode;
import org.openspr.projector.record.RecordStoreAccess;
import org.openspr.projector.record.RecordStores;

/** Store access through interactive queries on this instance: right when this instance owns every partition. */
public final class LocalRecordStores implements RecordStoreAccess {
    private final Supplier<KafkaStreams> streams;

    public LocalRecordStores(KafkaStreams streams) {
        this(() -> streams);
    }

    /** Over whichever Streams instance serves at the time of each read (see {@link ServingProjector}). */
    public LocalRecordStores(Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    @Override
    public ReadOnlyKeyValueStore<String, RecordItem> items(String nhsNumber) {
        return store(streams.get(), RecordStores.RECORD_ITEMS);
    }

    @Override
    public ReadOnlyKeyValueStore<String, String> timeline(String nhsNumber) {
        return store(streams.get(), RecordStores.TIMELINE);
    }

    @Override
    public ReadOnlyKeyValueStore<String, String> unapplied(String nhsNumber) {
        return store(streams.get(), RecordStores.UNAPPLIED_EVENTS);
    }

    @Override
    public ReadOnlyKeyValueStore<String, String> merges() {
        return store(streams.get(), RecordStores.PATIENT_MERGES);
    }

    static ReadOnlyKeyValueStore<String, Long> parkedCounts(KafkaStreams streams) {
        return store(streams, RecordStores.PARKED_COUNTS);
    }

    /** A queryable store, or SPR-3007 while the instance is rebalancing or restoring (callers answer 503 + Retry-After). */
    public static <V> ReadOnlyKeyValueStore<String, V> store(KafkaStreams streams, String name) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new SprException(e, ProjectorErrorCode.STORE_NOT_READY, name, streams.state());
        }
    }
}
