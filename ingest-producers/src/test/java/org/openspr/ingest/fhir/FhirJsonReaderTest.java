package org.openspr.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.parser.json.BaseJsonLikeObject;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openspr.ingest.map.IngestRejection;

/** What the JSON reader hands HAPI: the resources mappings read, whole; the others as type and id; no narratives. */
class FhirJsonReaderTest {
    private final FhirJsonReader reader = new FhirJsonReader(100);

    @Test
    void shouldKeepReadResourcesWholeAndReduceTheOthersToTypeAndId() {
        JsonTree.Obj bundle = tree("""
                {"resourceType":"Bundle","type":"transaction","entry":[
                  {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Observation","id":"o1","status":"final",
                     "text":{"status":"generated","div":"<div xmlns=\\"http://www.w3.org/1999/xhtml\\">x</div>"},
                     "valueQuantity":{"value":1.50}}},
                  {"fullUrl":"urn:uuid:2","resource":{"resourceType":"Claim","id":"c1","item":[{"sequence":1,"net":{"value":12.3}}]}},
                  {"fullUrl":"urn:uuid:3","resource":{"status":"active","id":"e1","resourceType":"ExplanationOfBenefit","total":[]}},
                  {"fullUrl":"urn:uuid:4","resource":{"resourceType":"Medication","id":"m1","code":{"text":"aspirin"}}}]}
                """);

        BaseJsonLikeValue entries = bundle.get("entry");
        BaseJsonLikeObject observation = resource(entries, 0);
        assertThat(observation.get("text")).as("narrative dropped").isNull();
        assertThat(observation.get("valueQuantity").getAsObject().get("value").getAsString()).isEqualTo("1.50");
        assertThat(resource(entries, 1)).hasToString("{\"resourceType\":\"Claim\",\"id\":\"c1\"}");
        assertThat(resource(entries, 2))
                .as("type named after other fields").hasToString("{\"resourceType\":\"ExplanationOfBenefit\",\"id\":\"e1\"}");
        assertThat(resource(entries, 3).get("code").getAsObject().get("text").getAsString())
                .as("medications are read through references").isEqualTo("aspirin");
        assertThat(entries.getAsArray().get(0).getAsObject().get("fullUrl").getAsString()).isEqualTo("urn:uuid:1");
    }

    @Test
    void shouldReadValuesAsHapisJacksonAdapterDoes() {
        JsonTree.Obj patient = tree("""
                {"resourceType":"Patient","a":1.50,"b":-0,"c":+7,"d":12345678901,"e":123456789012345678901234,"f":1e2,
                 "g":true,"h":null,"i":'single',"j":{"k":[]},"_j":{"id":"x"},"a":"last wins"}
                """);

        assertThat(patient.get("a").getAsString()).as("a later duplicate replaces the value").isEqualTo("last wins");
        assertThat(patient.get("b").getAsString()).isEqualTo("0");
        assertThat(patient.get("c").getAsString()).isEqualTo("7");
        assertThat(patient.get("d").getAsNumber()).isEqualTo(12345678901L);
        assertThat(patient.get("e").getAsString()).isEqualTo("123456789012345678901234");
        assertThat(patient.get("f").getAsString()).as("a decimal, in plain notation").isEqualTo("100");
        assertThat(patient.get("g").getAsBoolean()).isTrue();
        assertThat(patient.get("h").isNull()).isTrue();
        assertThat(patient.get("i").isString()).isTrue();
        assertThat(patient.get("j").getAsString()).as("a container's text, as Jackson's asText()").isEmpty();
        assertThat(patient.get("j").getAsObject().get("k").getAsArray().size()).isZero();
        assertThat(patient.get("_j").getAsObject().get("id").getAsString()).isEqualTo("x");
        assertThat(patient).hasToString("{\"resourceType\":\"Patient\",\"a\":\"last wins\",\"b\":0,\"c\":7,"
                + "\"d\":12345678901,\"e\":123456789012345678901234,\"f\":100,\"g\":true,\"h\":null,\"i\":\"single\","
                + "\"j\":{\"k\":[]},\"_j\":{\"id\":\"x\"}}");
    }

    @Test
    void shouldFindEveryNameOfAnObjectWithManyNames() {
        StringBuilder json = new StringBuilder("{\"resourceType\":\"Basic\"");
        for (int i = 0; i < 20_000; i++) {
            json.append(",\"n").append(i).append("\":").append(i);
        }
        JsonTree.Obj object = tree(json.append(",\"n7\":\"again\"}").toString());

        assertThat(object.size()).isEqualTo(20_001);
        assertThat(object.get("n19999").getAsString()).isEqualTo("19999");
        assertThat(object.get(new String("n11"))).as("found by equality, not only identity").isNotNull();
        assertThat(object.get("n7").getAsString()).isEqualTo("again");
        assertThat(object.get("_n7")).isNull();
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
        assertThatThrownBy(() -> tree("{\"resourceType\":\"Patient\",\"x\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(201)))
                .as("nesting inside a resource that is read").hasMessageStartingWith("SPR-2102");
    }

    private static BaseJsonLikeObject resource(BaseJsonLikeValue entries, int index) {
        return entries.getAsArray().get(index).getAsObject().get("resource").getAsObject();
    }

    private JsonTree.Obj tree(String json) {
        return reader.tree(json.getBytes(StandardCharsets.UTF_8));
    }
}
