package org.openspr.embedded.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST API (the subset clients use: subjects, versions, schemas by id,
 * compatibility, config, mode) with the same paths, status codes and error codes.
 */
final class RegistryHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final SchemaRegistryService service;

    RegistryHttpHandler(SchemaRegistryService service) {
        this.service = service;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Object answer;
            int status = 200;
            try {
                answer = route(exchange);
            } catch (RegistryError e) {
                status = e.httpStatus;
                answer = JSON.createObjectNode().put("error_code", e.errorCode).put("message", e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                status = 500;
                answer = JSON.createObjectNode().put("error_code", 50001).put("message", "Error in the backend datastore: " + e);
            }
            byte[] body = (answer instanceof String raw ? raw : JSON.writeValueAsString(answer)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Object route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String head = path.isEmpty() ? "" : path.get(0);
        return switch (head) {
            case "" -> JSON.createObjectNode();
            case "subjects" -> subjects(exchange, method, path, query);
            case "schemas" -> schemas(method, path);
            case "compatibility" -> compatibility(exchange, method, path, query);
            case "config" -> config(exchange, method, path, query);
            case "mode" -> {
                requireMethod(method, "GET", "PUT");
                yield JSON.createObjectNode().put("mode", "READWRITE");
            }
            default -> throw RegistryError.notFound(exchange.getRequestURI().getPath());
        };
    }

    private Object subjects(HttpExchange exchange, String method, List<String> path, Map<String, String> query) throws IOException {
        boolean deleted = "true".equals(query.get("deleted"));
        boolean permanent = "true".equals(query.get("permanent"));
        if (path.size() == 1) {
            requireMethod(method, "GET");
            return array(service.subjects(deleted));
        }
        String subject = path.get(1);
        if (path.size() == 2) {
            if (method.equals("POST")) {
                return describe(service.lookup(subject, schemaFrom(exchange)));
            }
            requireMethod(method, "DELETE");
            return arrayOfInts(service.deleteSubject(subject, permanent));
        }
        if (!path.get(2).equals("versions")) {
            throw RegistryError.notFound(exchange.getRequestURI().getPath());
        }
        if (path.size() == 3) {
            if (method.equals("POST")) {
                return JSON.createObjectNode().put("id", service.register(subject, schemaFrom(exchange)));
            }
            requireMethod(method, "GET");
            return arrayOfInts(service.versions(subject, deleted));
        }
        String version = path.get(3);
        if (path.size() == 4) {
            if (method.equals("DELETE")) {
                return service.deleteVersion(subject, version, permanent);
            }
            requireMethod(method, "GET");
            return describe(service.version(subject, version, deleted));
        }
        requireMethod(method, "GET");
        return switch (path.get(4)) {
            case "schema" -> service.version(subject, version, deleted).schema();
            case "referencedby" -> {
                service.version(subject, version, deleted);
                yield JSON.createArrayNode();
            }
            default -> throw RegistryError.notFound(exchange.getRequestURI().getPath());
        };
    }

    private Object schemas(String method, List<String> path) {
        requireMethod(method, "GET");
        if (path.size() == 2 && path.get(1).equals("types")) {
            return array(List.of("AVRO"));
        }
        if (path.size() < 3 || !path.get(1).equals("ids")) {
            throw RegistryError.notFound("/" + String.join("/", path));
        }
        int id = parseId(path.get(2));
        if (path.size() == 3) {
            return JSON.createObjectNode().put("schema", service.schemaById(id));
        }
        return switch (path.get(3)) {
            case "schema" -> service.schemaById(id);
            case "subjects" -> array(service.usesOf(id).stream().map(SchemaRecord::subject).distinct().toList());
            case "versions" -> {
                ArrayNode uses = JSON.createArrayNode();
                service.usesOf(id).forEach(r -> uses.addObject().put("subject", r.subject()).put("version", r.version()));
                yield uses;
            }
            default -> throw RegistryError.notFound("/" + String.join("/", path));
        };
    }

    private Object compatibility(HttpExchange exchange, String method, List<String> path, Map<String, String> query) throws IOException {
        requireMethod(method, "POST");
        if (path.size() < 4 || !path.get(1).equals("subjects") || !path.get(3).equals("versions")) {
            throw RegistryError.notFound(exchange.getRequestURI().getPath());
        }
        String version = path.size() > 4 ? path.get(4) : null;
        List<String> problems = service.compatibilityProblems(path.get(2), version, schemaFrom(exchange));
        ObjectNode answer = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
        if ("true".equals(query.get("verbose"))) {
            answer.set("messages", array(problems));
        }
        return answer;
    }

    private Object config(HttpExchange exchange, String method, List<String> path, Map<String, String> query) throws IOException {
        String subject = path.size() > 1 ? path.get(1) : null;
        switch (method) {
            case "GET" -> {
                String level = subject == null ? service.globalCompatibility()
                        : service.subjectCompatibility(subject).orElseGet(() -> {
                            if ("true".equals(query.get("defaultToGlobal"))) {
                                return service.globalCompatibility();
                            }
                            throw RegistryError.subjectLevelCompatibilityNotConfigured(subject);
                        });
                return JSON.createObjectNode().put("compatibilityLevel", level);
            }
            case "PUT" -> {
                JsonNode body = body(exchange);
                String requested = body.path("compatibility").asText(body.path("compatibilityLevel").asText(null));
                return JSON.createObjectNode().put("compatibility", service.setCompatibility(subject, requested));
            }
            case "DELETE" -> {
                if (subject == null) {
                    throw RegistryError.methodNotAllowed(method);
                }
                return JSON.createObjectNode().put("compatibilityLevel", service.deleteSubjectCompatibility(subject));
            }
            default -> throw RegistryError.methodNotAllowed(method);
        }
    }

    private static String schemaFrom(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw RegistryError.unprocessable("Unsupported schema type " + type + ": this registry serves AVRO only");
        }
        if (body.path("references").isArray() && !body.path("references").isEmpty()) {
            throw RegistryError.invalidSchema("schema references are not supported; register self-contained schemas");
        }
        JsonNode schema = body.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw RegistryError.invalidSchema("request body has no \"schema\" string");
        }
        return schema.asText();
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw RegistryError.unprocessable("request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            try {
                JsonNode node = JSON.readTree(bytes);
                if (node == null || !node.isObject()) {
                    throw RegistryError.unprocessable("request body must be a JSON object");
                }
                return node;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw RegistryError.unprocessable("Unrecognized JSON in request body: " + e.getOriginalMessage());
            }
        }
    }

    private static ObjectNode describe(SchemaRecord record) {
        return JSON.createObjectNode().put("subject", record.subject()).put("version", record.version())
                .put("id", record.id()).put("schema", record.schema());
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static ArrayNode arrayOfInts(List<Integer> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static void requireMethod(String method, String... allowed) {
        for (String candidate : allowed) {
            if (candidate.equals(method)) {
                return;
            }
        }
        throw RegistryError.methodNotAllowed(method);
    }

    private static int parseId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RegistryError.schemaNotFound();
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                segments.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(key, value);
            }
        }
        return params;
    }
}
