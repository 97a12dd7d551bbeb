package org.openspr.query.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.api.Test;
import org.openspr.query.core.RecordEntry;
import org.openspr.query.testing.TestRecords;

class EncodedResourcesTest {
    static final String PATIENT = "9434765919";
    final EncodedResources resources = new EncodedResources(FhirContext.forR4Cached(), "https://spr.example/fhir/", 1024 * 1024);

    @Test
    void shouldReuseTheEncodingOfTheSameEntry() {
        RecordEntry entry = condition("Hypertension");

        EncodedResources.Encoded first = resources.encode(PATIENT, entry);
        EncodedResources.Encoded second = resources.encode(PATIENT, entry);

        assertThat(second).isSameAs(first);
        assertThat(first.type()).isEqualTo("Condition");
        assertThat(first.fullUrl().getValue()).isEqualTo("https://spr.example/fhir/Condition/" + first.id());
        assertThat(first.json()).contains("Hypertension").contains("Patient/" + PATIENT);
    }

    @Test
    void shouldNeverAnswerAChangedItemOrAnotherPatientFromAnOlderEncoding() {
        RecordEntry entry = condition("Hypertension");
        resources.encode(PATIENT, entry);

        EncodedResources.Encoded changed = resources.encode(PATIENT, condition("Essential hypertension"));
        EncodedResources.Encoded relabelled = resources.encode(PATIENT, condition("Hypertension", "PSY"));
        EncodedResources.Encoded otherPatient = resources.encode("9434765870", entry);

        assertThat(changed.json()).contains("Essential hypertension");
        assertThat(relabelled.json()).contains("PSY");
        assertThat(otherPatient.json()).contains("Patient/9434765870").doesNotContain(PATIENT);
    }

    @Test
    void shouldEncodeEveryTimeWhenDisabled() {
        EncodedResources uncached = new EncodedResources(FhirContext.forR4Cached(), "https://spr.example/fhir", 0);

        assertThat(uncached.encode(PATIENT, condition("Hypertension")))
                .isNotSameAs(uncached.encode(PATIENT, condition("Hypertension")))
                .isEqualTo(uncached.encode(PATIENT, condition("Hypertension")));
    }

    // Built afresh each time, as a read of changed content decodes a new entry.
    private static RecordEntry condition(String display, String... labels) {
        return TestRecords.patient(PATIENT).condition("38341003", display, labels).build().entries().get(0);
    }
}
