package org.openspr.query.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * How the query service writes JSON: Avro records through {@link AvroJsonModule}, and every instant as an ISO-8601
 * string ({@code 2026-11-24T10:33:26.869Z}), the same in an item's envelope (clinical time, when each source recorded
 * it, when an access happened) as in its payload. Jackson's default would write the envelope's instants as decimal
 * epoch seconds.
 */
public final class ApiJson {
    private ApiJson() {
    }

    /** Configures {@code mapper} (Dropwizard's, or a test's) for the API and returns it. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new AvroJsonModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS);
    }
}
