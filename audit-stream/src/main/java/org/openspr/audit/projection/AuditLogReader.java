package org.openspr.audit.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.openspr.audit.AuditErrorCode;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.errors.SprException;

/**
 * Reads the access logs for the query service: who accessed a patient's record ({@code GET /v1/me/access-log},
 * {@code GET /v1/audit/patients/{nhs}}) and what a user accessed ({@code GET /v1/audit/users/{userId}}), in a
 * time window [from, to), oldest first, at most {@code limit}. Throws {@link SprException} with
 * {@link AuditErrorCode#STORE_NOT_READY} while the stores are restoring or rebalancing (map it to 503 +
 * Retry-After). Reads local stores: with one instance (the all-in-one process) that is everything.
 */
public final class AuditLogReader {
    private final Function<String, ReadOnlyKeyValueStore<String, RecordAccessed>> stores;

    /** For tests and other store sources: a function from store name to store. */
    public AuditLogReader(Function<String, ReadOnlyKeyValueStore<String, RecordAccessed>> stores) {
        this.stores = stores;
    }

    public static AuditLogReader over(KafkaStreams streams) {
        return new AuditLogReader(name -> streams.store(
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, RecordAccessed>keyValueStore())));
    }

    public List<RecordAccessed> accessesToPatient(String nhsNumber, Instant from, Instant to, int limit) {
        return range(AuditStoreNames.ACCESS_BY_PATIENT, nhsNumber, from, to, limit);
    }

    public List<RecordAccessed> accessesByUser(String userId, Instant from, Instant to, int limit) {
        return range(AuditStoreNames.ACCESS_BY_USER, userId, from, to, limit);
    }

    private List<RecordAccessed> range(String storeName, String subject, Instant from, Instant to, int limit) {
        if (!from.isBefore(to)) {
            throw new SprException(AuditErrorCode.BAD_TIME_RANGE, from, to);
        }
        List<RecordAccessed> result = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, RecordAccessed> store = stores.apply(storeName);
            try (KeyValueIterator<String, RecordAccessed> it = store.range(AccessLogKeys.lowerBound(subject, from),
                    AccessLogKeys.upperBoundExclusive(subject, to))) {
                while (it.hasNext() && result.size() < limit) {
                    KeyValue<String, RecordAccessed> next = it.next();
                    result.add(next.value);
                }
            }
        } catch (InvalidStateStoreException e) {
            throw new SprException(e, AuditErrorCode.STORE_NOT_READY, storeName, e.getMessage());
        }
        return result;
    }
}
