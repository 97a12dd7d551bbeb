package org.openspr.audit.projection;

import java.util.List;
import org.openspr.events.avro.RecordAccessed;

/**
 * Accesses read from an access log, and where the next page continues: the store key of this page's last entry when
 * the window holds more, null when this page ends it. Pages continued from a key neither skip nor repeat an entry, even
 * among accesses in the same millisecond.
 */
public record AccessLogPage(List<RecordAccessed> entries, String nextAfter) {
    public AccessLogPage {
        entries = List.copyOf(entries);
    }
}
