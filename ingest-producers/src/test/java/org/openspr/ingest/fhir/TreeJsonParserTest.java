package org.openspr.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model HAPI builds from our tree equals the one HAPI's own parser builds from the text, less what the reader
 * leaves out on purpose (narratives; the content of entries nothing reads), also when a Bundle's entry resources are
 * parsed one by one.
 */
class TreeJsonParserTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final FhirJsonReader reader = new FhirJsonReader(100);

    @ParameterizedTest
    @ValueSource(strings = {
        "fixtures/synthea/Buster_Hoeger_ad2e3fc5-2b5d-4cb9-8d03-9ea0f4ac8423.json",
        "fixtures/fhir-nhs/TRANSACTION-path-R4-example-bundle-LFT-UandE-report.json",
        "fixtures/fhir-nhs/document-message-TOC.json",
        "fixtures/fhir-nhs/prescriptionOrderExample.json",
        "fixtures/fhir-nhs/imms-completed_flu_immunization_event.json",
        "fixtures/fhir-nhs/UKCore-Patient-RichardSmith-Example.json",
        "fixtures/uk/transaction_with_bad_nhs.json",
        "fixtures/uk/batch_with_bad_nhs.json",
        "fixtures/uk/patient_replaced_by.json"})
    void shouldBuildWhatHapiBuildsFromTheText(String fixture) throws IOException {
        byte[] json = fixture(fixture);

        IBaseResource ours = reader.read(json, FHIR, new LenientErrorHandler(false));
        IBaseResource hapis = withoutWhatTheReaderLeavesOut(parser().parseResource(new String(json, StandardCharsets.UTF_8)));

        assertThat(parser().encodeResourceToString(ours)).isEqualTo(parser().encodeResourceToString(hapis));
        if (ours instanceof Bundle bundle) {
            assertThat(bundle.getEntry()).as("every entry keeps its resource").allSatisfy(e -> assertThat(e.getResource()).isNotNull());
            assertThat(bundle.getEntry().get(0).getResource().getIdElement().getValue())
                    .as("an entry's resource takes its id from the full URL, as HAPI does after parsing")
                    .isEqualTo(bundle.getEntry().get(0).getFullUrl());
        }
    }

    @Test
    void shouldLeaveABundleWithAnEntryOfUnknownTypeToHapiWhole() {
        String json = """
                {"resourceType":"Bundle","type":"batch","entry":[
                  {"fullUrl":"urn:uuid:a","resource":{"resourceType":"Observation","status":"final"}},
                  {"fullUrl":"urn:uuid:b","resource":{"resourceType":"NotAType","status":"final"}}]}
                """;

        Throwable hapis = catchThrowable(() -> parser().parseResource(json));
        assertThatThrownBy(() -> reader.read(json.getBytes(StandardCharsets.UTF_8), FHIR, new LenientErrorHandler(false)))
                .isInstanceOf(DataFormatException.class).hasMessage(hapis.getMessage()).hasMessageContaining("NotAType");
    }

    @Test
    void shouldGiveEachEntryItsResourceWhenTheBundleIsTakenApart() {
        IBaseResource parsed = reader.read("""
                {"resourceType":"Bundle","type":"batch","entry":[
                  {"fullUrl":"urn:uuid:a","resource":{"resourceType":"Observation","status":"final"}},
                  {"request":{"method":"DELETE","url":"Observation/x"}},
                  {"fullUrl":"urn:uuid:c","resource":{"resourceType":"Condition","id":"c","subject":{"reference":"urn:uuid:a"}}}]}
                """.getBytes(StandardCharsets.UTF_8), FHIR, new LenientErrorHandler(false));

        List<Bundle.BundleEntryComponent> entries = ((Bundle) parsed).getEntry();
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).getResource()).isInstanceOf(Observation.class);
        assertThat(entries.get(0).getResource().getIdElement().getValue()).isEqualTo("urn:uuid:a");
        assertThat(entries.get(1).getResource()).isNull();
        assertThat(entries.get(1).getRequest().getUrl()).isEqualTo("Observation/x");
        assertThat(entries.get(2).getResource()).isInstanceOf(Condition.class);
        assertThat(((Condition) entries.get(2).getResource()).getSubject().getReference()).isEqualTo("urn:uuid:a");
    }

    private static IBaseResource withoutWhatTheReaderLeavesOut(IBaseResource parsed) {
        if (parsed instanceof DomainResource domain) {
            domain.setText(null);
        }
        if (parsed instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                Resource resource = entry.getResource();
                if (resource instanceof DomainResource domain) {
                    domain.setText(null);
                }
                if (resource != null && !RecordMappers.contentIsRead(resource.fhirType())) {
                    Resource stub = (Resource) FHIR.getResourceDefinition(resource.fhirType()).newInstance();
                    stub.setIdElement(resource.getIdElement());
                    entry.setResource(stub);
                }
            }
        }
        return parsed;
    }

    private static IParser parser() {
        return FHIR.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = TreeJsonParserTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
