package org.openspr.ingest.map;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 checks classes not only when decoding but also when a builder deep-copies a record default (e.g. an
 * empty Concept). events-schema trusts its generated package only once a serde exists; mappers build events before
 * any serde, so they trust it here too (same predicate, idempotent).
 */
final class AvroBuilderTrust {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private AvroBuilderTrust() {
    }

    static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            ClassSecurityValidator.ClassSecurityPredicate ours = type -> type.getName().startsWith("org.openspr.events.avro.");
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours));
        }
    }
}
