package org.openspr.query.fhir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;
import org.openspr.query.core.RecordEntry;

/**
 * Chooses one page of a search: filters by type and {@code _since}, orders by a unique stable key (resource type, then
 * item id) and continues strictly after the cursor, the key of the previous page's last entry. Keyset paging never
 * repeats or skips an entry that existed across pages, and always ends, even when the record changes between pages.
 */
public final class PageSelector {
    private static final Comparator<Keyed> ORDER = Comparator.comparing(Keyed::key);
    private final Set<String> types;
    private final Instant since;
    private final String after;
    private final int count;
    private int total;
    private String nextCursor;

    public PageSelector(Set<String> types, Instant since, String cursor, int count) {
        this.types = types;
        this.since = since;
        this.after = cursor == null ? null : decode(cursor);
        this.count = count;
    }

    /** The page; called by the record service between the access decision and the audit. */
    public List<RecordEntry> select(List<RecordEntry> released) {
        // Each entry's key is built once, not on every comparison of the sort.
        List<Keyed> matching = new ArrayList<>();
        for (RecordEntry entry : released) {
            String type = FhirTypeIndex.typeOf(entry);
            if (type != null && types.contains(type)
                    && (since == null || !entry.current().getVersionedAt().isBefore(since))) {
                matching.add(new Keyed(key(type, entry), entry));
            }
        }
        matching.sort(ORDER);
        total = matching.size();
        List<RecordEntry> page = new ArrayList<>(Math.min(count, matching.size()));
        String last = null;
        for (Keyed keyed : matching) {
            if (after == null || keyed.key().compareTo(after) > 0) {
                if (page.size() == count) {
                    nextCursor = encode(last);
                    break;
                }
                page.add(keyed.entry());
                last = keyed.key();
            }
        }
        return page;
    }

    /** How many entries match in all pages. */
    public int total() {
        return total;
    }

    /** The cursor of the next page, or null on the last page. */
    public String nextCursor() {
        return nextCursor;
    }

    // Patient sorts first ("0"), everything else by type then item id; '\u0001' keeps the type boundary unambiguous.
    private static String key(String type, RecordEntry entry) {
        return ("Patient".equals(type) ? "0" : "1" + type) + '\u0001' + entry.itemId();
    }

    private record Keyed(String key, RecordEntry entry) {
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new QueryException(400, QueryErrorCode.BAD_PARAMETER, "_cursor", "not a cursor this server issued");
        }
    }
}
