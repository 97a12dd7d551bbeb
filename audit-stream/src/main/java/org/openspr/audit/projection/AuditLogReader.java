package org.openspr.audit.projection;

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
 * {@code GET /v1/audit/patients/{nhs}}) and what a user accessed ({@code GET /v1/audit/users/{userId}}), a page at a
 * time ({@link AccessLogQuery}: a time window [from, to), newest or oldest first, at most {@code limit}, continuing
 * after a given entry). Throws {@link SprException} with {@link AuditErrorCode#BAD_CURSOR} for a cursor of another
 * subject's log, and with {@link AuditErrorCode#STORE_NOT_READY} while the stores are restoring or rebalancing (map it
 * to 503 + Retry-After). Reads local stores: with one instance (the all-in-one process) that is everything.
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

    public AccessLogPage accessesToPatient(String nhsNumber, AccessLogQuery query) {
        return page(AuditStoreNames.ACCESS_BY_PATIENT, nhsNumber, query);
    }

    public AccessLogPage accessesByUser(String userId, AccessLogQuery query) {
        return page(AuditStoreNames.ACCESS_BY_USER, userId, query);
    }

    private AccessLogPage page(String storeName, String subject, AccessLogQuery query) {
        String lower = AccessLogKeys.lowerBound(subject, query.from());
        String upper = AccessLogKeys.upperBoundExclusive(subject, query.to());
        String after = query.after();
        if (after != null) {
            if (!AccessLogKeys.belongsTo(after, subject)) {
                throw new SprException(AuditErrorCode.BAD_CURSOR, after, subject);
            }
            // store ranges are inclusive at both ends: the entry the cursor names is skipped below
            if (query.order() == LogOrder.OLDEST_FIRST) {
                lower = max(lower, after);
            } else {
                upper = min(upper, after);
            }
        }
        List<KeyValue<String, RecordAccessed>> found = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, RecordAccessed> store = stores.apply(storeName);
            if (lower.compareTo(upper) <= 0) {
                try (KeyValueIterator<String, RecordAccessed> it = query.order() == LogOrder.OLDEST_FIRST
                        ? store.range(lower, upper) : store.reverseRange(lower, upper)) {
                    while (it.hasNext() && found.size() <= query.limit()) { // one more than the page: is there a next?
                        KeyValue<String, RecordAccessed> next = it.next();
                        if (!next.key.equals(after)) {
                            found.add(next);
                        }
                    }
                }
            }
        } catch (InvalidStateStoreException e) {
            throw new SprException(e, AuditErrorCode.STORE_NOT_READY, storeName, e.getMessage());
        }
        boolean more = found.size() > query.limit();
        List<KeyValue<String, RecordAccessed>> page = more ? found.subList(0, query.limit()) : found;
        return new AccessLogPage(page.stream().map(kv -> kv.value).toList(), more ? page.get(page.size() - 1).key : null);
    }

    private static String max(String a, String b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String min(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
