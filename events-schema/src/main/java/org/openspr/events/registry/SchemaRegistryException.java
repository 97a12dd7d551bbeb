package org.openspr.events.registry;

import org.openspr.events.errors.SprErrorCode;
import org.openspr.events.errors.SprException;

/** The registry could not be reached or refused a request; carries the HTTP status and Confluent error code. */
public class SchemaRegistryException extends SprException {
    private final int httpStatus;
    private final int registryErrorCode;

    public SchemaRegistryException(String url, int httpStatus, int registryErrorCode, String message) {
        super(httpStatus == 409 ? SprErrorCode.REGISTRY_INCOMPATIBLE : SprErrorCode.REGISTRY_ERROR,
                httpStatus == 409 ? new Object[] {url, message} : new Object[] {url, httpStatus, registryErrorCode, message});
        this.httpStatus = httpStatus;
        this.registryErrorCode = registryErrorCode;
    }

    public SchemaRegistryException(String url, Throwable cause) {
        super(cause, SprErrorCode.REGISTRY_UNREACHABLE, url, String.valueOf(cause));
        this.httpStatus = -1;
        this.registryErrorCode = -1;
    }

    /** HTTP status, or -1 if the registry did not answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent error code (e.g. 40401 subject not found, 409 incompatible, 42201 invalid schema), or -1. */
    public int registryErrorCode() {
        return registryErrorCode;
    }
}
