package org.openspr.events.ids;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;

/**
 * Deterministic event and item ids. The same source, source id and version always give the same id, so a
 * message that is sent twice produces events with the same ids and the projector can drop the repeat.
 */
public final class EventIds {
    private static final byte SEPARATOR = 0x1f; // unit separator: keeps ("ab","c") and ("a","bc") apart
    /** A digest per thread: looking one up through the security providers costs more than hashing an id. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(EventIds::newSha256);

    private EventIds() {
    }

    /** Id of one event: a name-based UUID (SHA-256, RFC 9562 version 8) over source system, source id and version. */
    public static String eventId(String sourceSystem, String sourceId, String version) {
        return nameBasedUuid("event", sourceSystem, sourceId, version).toString();
    }

    /** Id of one clinical item, shared by all its versions: source system and the source's id for the item. */
    public static String itemId(String sourceSystem, String itemSourceId) {
        return nameBasedUuid("item", sourceSystem, itemSourceId).toString();
    }

    static UUID nameBasedUuid(String... parts) {
        MessageDigest sha256 = SHA256.get();
        sha256.reset(); // a call that failed half-way (a null part) must not leave its bytes in the next id
        for (String part : parts) {
            sha256.update(Objects.requireNonNull(part, "id part").getBytes(StandardCharsets.UTF_8));
            sha256.update(SEPARATOR);
        }
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest());
        long msb = hash.getLong();
        long lsb = hash.getLong();
        msb = (msb & ~0xF000L) | 0x8000L; // version 8 (custom, name-based with SHA-256)
        lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(msb, lsb);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
