package org.openspr.events.serde;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes outside its trusted packages when decoding specific records
 * ("SecurityException: Forbidden"). Our generated classes are trusted here, once per JVM, rather than by a
 * system property every runnable and test would have to remember.
 */
final class AvroClassTrust {
    static final String GENERATED_PACKAGE = "org.openspr.events.avro.";
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private AvroClassTrust() {
    }

    static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            ClassSecurityValidator.ClassSecurityPredicate ours = type -> type.getName().startsWith(GENERATED_PACKAGE);
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours));
        }
    }
}
