package org.openspr.events.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Client for the Confluent Schema Registry REST API (v1). Caches ids and schemas: a schema id never changes
 * meaning, so once resolved it is never asked for again. Several base URLs may be given; each request tries
 * them in turn until one answers.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> baseUrls;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(String urls) {
        this(urls, Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    /** @param urls one or more base URLs separated by commas, e.g. {@code http://localhost:8081} */
    public RestSchemaRegistryClient(String urls, Duration connectTimeout, Duration requestTimeout) {
        this.baseUrls = new ArrayList<>();
        for (String url : urls.split(",")) {
            String trimmed = url.trim();
            if (!trimmed.isEmpty()) {
                baseUrls.add(URI.create(trimmed.endsWith("/") ? trimmed : trimmed + "/"));
            }
        }
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("schema registry URL must not be empty");
        }
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.requestTimeout = requestTimeout;
    }

    @Override
    public int register(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = answer.get("id").asInt();
        ids.put(schema, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        JsonNode answer = send("POST", "subjects/" + encode(subject), schemaBody(schema));
        RegisteredSchema registered = toRegistered(answer);
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, registered.id());
        return registered;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "schemas/ids/" + id, null);
        Schema schema = new Schema.Parser().parse(answer.get("schema").asText());
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        return toRegistered(send("GET", "subjects/" + encode(subject) + "/versions/latest", null));
    }

    @Override
    public RegisteredSchema getVersion(String subject, int version) {
        return toRegistered(send("GET", "subjects/" + encode(subject) + "/versions/" + version, null));
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        JsonNode answer = send("POST", "compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                schemaBody(schema));
        List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(m -> messages.add(m.asText()));
        return new CompatibilityResult(answer.path("is_compatible").asBoolean(false), messages);
    }

    @Override
    public CompatibilityLevel getCompatibility(String subject) {
        JsonNode answer = send("GET", "config/" + encode(subject) + "?defaultToGlobal=true", null);
        return CompatibilityLevel.valueOf(answer.get("compatibilityLevel").asText());
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
        send("PUT", "config/" + encode(subject), body);
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "subjects", null).forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    @Override
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        send("GET", "subjects/" + encode(subject) + "/versions", null).forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    @Override
    public String describe() {
        return baseUrls.toString();
    }

    private RegisteredSchema toRegistered(JsonNode answer) {
        Schema schema = new Schema.Parser().parse(answer.get("schema").asText());
        int id = answer.get("id").asInt();
        schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(answer.get("subject").asText(), id, answer.get("version").asInt(), schema);
    }

    private static ObjectNode schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schemaType", "AVRO").put("schema", schema.toString());
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, JsonNode body) {
        SchemaRegistryException lastFailure = null;
        for (URI base : baseUrls) {
            try {
                return sendTo(base, method, path, body);
            } catch (SchemaRegistryException e) {
                if (e.httpStatus() > 0 && e.httpStatus() < 500) {
                    throw e; // the registry answered: another instance would say the same
                }
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    private JsonNode sendTo(URI base, String method, String path, JsonNode body) {
        URI uri = base.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException(base.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(base.toString(), e);
        }
        JsonNode answer = parse(base, response);
        if (response.statusCode() >= 300) {
            int errorCode = answer.path("error_code").asInt(response.statusCode());
            String message = answer.path("message").asText(response.body());
            throw new SchemaRegistryException(base.toString(), response.statusCode(), errorCode, message);
        }
        return answer;
    }

    private static JsonNode parse(URI base, HttpResponse<String> response) {
        try {
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException(base.toString(), response.statusCode(), -1,
                    "answer is not JSON: " + abbreviate(response.body()));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
