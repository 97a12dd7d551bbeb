package org.openspr.query.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;
import org.openspr.audit.projection.AccessLogKeys;
import org.openspr.audit.projection.AccessLogQuery;
import org.openspr.audit.projection.AuditLogReader;
import org.openspr.audit.projection.LogOrder;
import org.openspr.query.QueryException;

class ReaderAccessLogTest {
    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void shouldAnswer503WhileTheStoresAreNotQueryable() {
        ReaderAccessLog log = new ReaderAccessLog(new AuditLogReader(name -> {
            throw new InvalidStateStoreException("store " + name + " is restoring");
        }));

        assertThatThrownBy(() -> log.accessesToPatient("9434765919", AccessLogQuery.first(T, T.plusSeconds(60), 10, LogOrder.NEWEST_FIRST)))
                .isInstanceOfSatisfying(QueryException.class, e -> org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(503))
                .hasMessageContaining("SPR-4104").hasMessageContaining("restoring");
    }

    @Test
    void shouldAnswer400ForACursorOfAnotherLog() {
        ReaderAccessLog log = new ReaderAccessLog(new AuditLogReader(name -> {
            throw new AssertionError("no store is read for a foreign cursor");
        }));
        String otherUsersKey = AccessLogKeys.key("dr-2", T, "audit-1");

        assertThatThrownBy(() -> log.accessesByUser("dr-1", new AccessLogQuery(T, T.plusSeconds(60), 10, LogOrder.OLDEST_FIRST, otherUsersKey)))
                .isInstanceOfSatisfying(QueryException.class, e -> org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("SPR-4041");
    }
}
