package org.openspr.embedded.registry;

/** An error answer in the Confluent Schema Registry's shape: HTTP status plus {"error_code", "message"}. */
final class RegistryError extends RuntimeException {
    final int httpStatus;
    final int errorCode;

    private RegistryError(int httpStatus, int errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    static RegistryError subjectNotFound(String subject) {
        return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryError versionNotFound(String subject, Object version) {
        return new RegistryError(404, 40402, "Version " + version + " not found.");
    }

    static RegistryError schemaNotFound() {
        return new RegistryError(404, 40403, "Schema not found");
    }

    static RegistryError subjectSoftDeleted(String subject) {
        return new RegistryError(404, 40404, "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
    }

    static RegistryError subjectNotSoftDeleted(String subject) {
        return new RegistryError(404, 40405, "Subject '" + subject + "' was not deleted first before being permanently deleted");
    }

    static RegistryError subjectLevelCompatibilityNotConfigured(String subject) {
        return new RegistryError(404, 40408, "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static RegistryError notFound(String path) {
        return new RegistryError(404, 404, "HTTP 404 Not Found: " + path);
    }

    static RegistryError methodNotAllowed(String method) {
        return new RegistryError(405, 405, "HTTP 405 Method Not Allowed: " + method);
    }

    static RegistryError incompatible(String subject, Iterable<String> details) {
        return new RegistryError(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                + subject + "\", details: " + details);
    }

    static RegistryError invalidSchema(String reason) {
        return new RegistryError(422, 42201, "Invalid schema: " + reason);
    }

    static RegistryError invalidVersion(String version) {
        return new RegistryError(422, 42202, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryError invalidCompatibilityLevel(String level) {
        return new RegistryError(422, 42203, "Invalid compatibility level. Valid values are none, backward, forward, full, "
                + "backward_transitive, forward_transitive, and full_transitive: " + level);
    }

    static RegistryError unprocessable(String reason) {
        return new RegistryError(422, 422, reason);
    }

    static RegistryError storeError(String reason) {
        return new RegistryError(500, 50001, "Error in the backend datastore: " + reason);
    }
}
