package org.openspr.query.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** The audit trail ({@code audit:}). There is deliberately no option to switch auditing off. */
public class AuditConfig {
    /** Name of this service instance as written into each event's {@code observer} field. */
    @NotEmpty
    @JsonProperty
    public String observer = "query-service";

    /** How long a read waits for the broker to acknowledge its audit event before answering 503 without data. */
    @NotNull
    @JsonProperty
    public Duration ackTimeout = Duration.seconds(5);

    /** Producer linger: a small wait so that concurrent reads share one acknowledged batch. */
    @Min(0)
    @Max(50)
    @JsonProperty
    public int lingerMs = 1;
}
