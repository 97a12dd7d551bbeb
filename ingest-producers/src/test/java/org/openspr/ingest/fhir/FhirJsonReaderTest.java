package org.openspr.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openspr.ingest.map.IngestRejection;

/** What the JSON reader hands HAPI: the resources mappings read, whole; the others as type and id; no narratives. */
class FhirJsonReaderTest {
    private final FhirJsonReader reader = new FhirJsonReader(100);

    @Test
    void shouldKeepReadResourcesWholeAndReduceTheOthersToTypeAndId() {
        ObjectNode bundle = tree("""
                {"resourceType":"Bundle","type":"transaction","entry":[
                  {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Observation","id":"o1","status":"final",
                     "text":{"status":"generated","div":"<div xmlns=\\"http://www.w3.org/1999/xhtml\\">x</div>"},
                     "valueQuantity":{"value":1.50}}},
                  {"fullUrl":"urn:uuid:2","resource":{"resourceType":"Claim","id":"c1","item":[{"sequence":1,"net":{"value":12.3}}]}},
                  {"fullUrl":"urn:uuid:3","resource":{"status":"active","id":"e1","resourceType":"ExplanationOfBenefit","total":[]}},
                  {"fullUrl":"urn:uuid:4","resource":{"resourceType":"Medication","id":"m1","code":{"text":"aspirin"}}}]}
                """);

        JsonNode entries = bundle.get("entry");
        JsonNode observation = entries.get(0).get("resource");
        assertThat(observation.has("text")).as("narrative dropped").isFalse();
        assertThat(observation.get("valueQuantity").get("value").decimalValue().toPlainString()).isEqualTo("1.50");
        assertThat(entries.get(1).get("resource").toString()).isEqualTo("{\"resourceType\":\"Claim\",\"id\":\"c1\"}");
        assertThat(entries.get(2).get("resource").toString())
                .as("type named after other fields").isEqualTo("{\"resourceType\":\"ExplanationOfBenefit\",\"id\":\"e1\"}");
        assertThat(entries.get(3).get("resource").get("code").get("text").asText()).as("medications are read through references")
                .isEqualTo("aspirin");
        assertThat(entries.get(0).get("fullUrl").asText()).isEqualTo("urn:uuid:1");
    }

    @Test
    void shouldStillRefuseMalformedJsonInsideAnEntryNothingReads() {
        assertThatThrownBy(() -> tree("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Claim\",\"item\":[1,}]}}]}"))
                .isInstanceOf(IngestRejection.class).hasMessageStartingWith("SPR-2101").hasMessageContaining("line 1");
    }

    @Test
    void shouldRefuseContentAfterTheResourceAndNonObjects() {
        assertThatThrownBy(() -> tree("{\"resourceType\":\"Patient\"} {}")).hasMessageStartingWith("SPR-2101")
                .hasMessageContaining("after the end");
        assertThatThrownBy(() -> tree("\"Patient\"")).hasMessageStartingWith("SPR-2101").hasMessageContaining("JSON object");
        assertThatThrownBy(() -> tree("   ")).hasMessageStartingWith("SPR-2101").hasMessageContaining("empty");
        assertThatThrownBy(() -> tree("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Claim\",\"x\":"
                + "[".repeat(200) + "]".repeat(200) + "}}]}")).hasMessageStartingWith("SPR-2102");
    }

    private ObjectNode tree(String json) {
        return reader.tree(json.getBytes(StandardCharsets.UTF_8));
    }
}
