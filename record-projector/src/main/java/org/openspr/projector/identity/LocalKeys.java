package org.openspr.projector.identity;

import org.openspr.events.avro.LocalIdentifier;

/** The key of a local identifier, {@code system|value}: the same routing key ingest uses for events without an NHS number. */
public final class LocalKeys {
    private LocalKeys() {
    }

    public static String of(LocalIdentifier id) {
        return id.getSystem() + '|' + id.getValue();
    }
}
