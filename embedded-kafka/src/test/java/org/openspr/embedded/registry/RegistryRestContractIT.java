package org.openspr.embedded.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.LocalPlatformExtension;

/** The embedded registry answers with the paths, status codes and error codes of Confluent's REST API. */
class RegistryRestContractIT {
    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PERSON_V1 = "{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"nhs\",\"type\":\"string\"}]}";
    private static final String PERSON_V2 = "{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"nhs\",\"type\":\"string\"},"
            + "{\"name\":\"gp\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
    private static final String PERSON_BREAKING = "{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"nhs\",\"type\":\"long\"}]}";

    @Test
    void shouldRegisterVersionsAndServeThemByIdSubjectAndVersion() throws Exception {
        int v1 = call("POST", "/subjects/person-value/versions", body(PERSON_V1)).json().get("id").asInt();
        int v2 = call("POST", "/subjects/person-value/versions", body(PERSON_V2)).json().get("id").asInt();
        Answer again = call("POST", "/subjects/person-value/versions", body(PERSON_V1));
        Answer otherSubject = call("POST", "/subjects/person-key/versions", body(PERSON_V1));

        assertThat(again.json().get("id").asInt()).as("registering an existing schema is idempotent").isEqualTo(v1);
        assertThat(otherSubject.json().get("id").asInt()).as("ids are global: same schema, same id").isEqualTo(v1);
        assertThat(call("GET", "/subjects/person-value/versions", null).json().toString()).isEqualTo("[1,2]");
        JsonNode latest = call("GET", "/subjects/person-value/versions/latest", null).json();
        assertThat(latest.get("id").asInt()).isEqualTo(v2);
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("subject").asText()).isEqualTo("person-value");
        assertThat(call("GET", "/schemas/ids/" + v1, null).json().get("schema").asText()).contains("\"Person\"");
        assertThat(call("GET", "/subjects/person-value/versions/1/schema", null).body()).contains("\"nhs\"");
        assertThat(call("GET", "/schemas/ids/" + v1 + "/subjects", null).json().toString()).contains("\"person-key\",\"person-value\"");
        JsonNode lookup = call("POST", "/subjects/person-value", body(PERSON_V2)).json();
        assertThat(lookup.get("version").asInt()).isEqualTo(2);
        assertThat(call("GET", "/schemas/types", null).json().toString()).isEqualTo("[\"AVRO\"]");
        Answer answer = call("GET", "/subjects", null);
        assertThat(answer.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    }

    @Test
    void shouldAnswerWithConfluentErrorCodes() throws Exception {
        call("POST", "/subjects/codes-value/versions", body(PERSON_V1));

        assertError(call("GET", "/subjects/unknown-value/versions", null), 404, 40401);
        assertError(call("GET", "/subjects/codes-value/versions/99", null), 404, 40402);
        assertError(call("GET", "/schemas/ids/999999", null), 404, 40403);
        assertError(call("POST", "/subjects/codes-value", body(PERSON_BREAKING)), 404, 40403);
        assertError(call("GET", "/subjects/codes-value/versions/zero", null), 422, 42202);
        assertError(call("POST", "/subjects/codes-value/versions", "{\"schema\":\"{not avro\"}"), 422, 42201);
        assertError(call("PUT", "/config", "{\"compatibility\":\"SOMETIMES\"}"), 422, 42203);
        assertError(call("GET", "/config/codes-value", null), 404, 40408);
        Answer incompatible = call("POST", "/subjects/codes-value/versions", body(PERSON_BREAKING));
        assertError(incompatible, 409, 409);
        assertThat(incompatible.json().get("message").asText()).contains("incompatible with an earlier schema");
    }

    @Test
    void shouldCheckCompatibilityAndHonourTheSubjectLevel() throws Exception {
        call("POST", "/subjects/compat-value/versions", body(PERSON_V1));

        JsonNode verdict = call("POST", "/compatibility/subjects/compat-value/versions/latest?verbose=true", body(PERSON_BREAKING)).json();
        assertThat(verdict.get("is_compatible").asBoolean()).isFalse();
        assertThat(verdict.get("messages").size()).isPositive();
        assertThat(call("POST", "/compatibility/subjects/compat-value/versions/latest", body(PERSON_V2)).json()
                .get("is_compatible").asBoolean()).isTrue();

        assertThat(call("PUT", "/config/compat-value", "{\"compatibility\":\"NONE\"}").json().get("compatibility").asText()).isEqualTo("NONE");
        assertThat(call("GET", "/config/compat-value", null).json().get("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(call("POST", "/subjects/compat-value/versions", body(PERSON_BREAKING)).status()).isEqualTo(200);
        assertThat(call("DELETE", "/config/compat-value", null).json().get("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(call("GET", "/config/compat-value?defaultToGlobal=true", null).json().get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");
    }

    @Test
    void shouldSoftDeleteThenPermanentlyDeleteASubject() throws Exception {
        call("POST", "/subjects/gone-value/versions", body(PERSON_V1));

        assertError(call("DELETE", "/subjects/gone-value?permanent=true", null), 404, 40405);
        assertThat(call("DELETE", "/subjects/gone-value", null).json().toString()).isEqualTo("[1]");
        assertError(call("GET", "/subjects/gone-value/versions", null), 404, 40401);
        assertThat(call("GET", "/subjects?deleted=true", null).json().toString()).contains("gone-value");
        assertError(call("DELETE", "/subjects/gone-value", null), 404, 40404);
        assertThat(call("DELETE", "/subjects/gone-value?permanent=true", null).json().toString()).isEqualTo("[1]");
        assertThat(call("GET", "/subjects?deleted=true", null).json().toString()).doesNotContain("gone-value");
    }

    private static void assertError(Answer answer, int status, int errorCode) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().get("error_code").asInt()).as(answer.body()).isEqualTo(errorCode);
        assertThat(answer.json().get("message").asText()).isNotBlank();
    }

    private static String body(String schema) throws Exception {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private static Answer call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.schemaRegistryUrl() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""));
    }

    private record Answer(int status, String body, String contentType) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }
}
