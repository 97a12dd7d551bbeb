package org.openspr.cli.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.openspr.cli.sample.UkPatientGenerator.GeneratedPatient;
import org.openspr.events.avro.RecordSection;
import org.openspr.projector.app.LocalRecordStores;
import org.openspr.projector.app.ServingProjector;
import org.openspr.projector.record.PatientRecordReader;
import org.openspr.projector.record.RecordQuery;

/**
 * Accept-to-visible latency: posts a new problem for a known patient through FHIR ingest and measures, from the moment
 * ingest accepted it (HTTP 200: the events are committed on Kafka), how long until the record store readers use shows
 * it. Polls the serving projector's store in this process every millisecond.
 */
final class VisibilityProbe {
    private static final IParser JSON = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(false);

    private final HttpClient client = HttpClient.newHttpClient();
    private final String ingestUrl;
    private final PatientRecordReader reader;

    VisibilityProbe(String ingestUrl, ServingProjector projector) {
        this.ingestUrl = ingestUrl;
        this.reader = new PatientRecordReader(new LocalRecordStores(projector));
    }

    /** Adds problem number {@code sample} to the patient; returns accept-to-visible nanoseconds. */
    long measure(GeneratedPatient patient, int sample, long timeoutNanos) throws Exception {
        int before = problems(patient.nhsNumber());
        HttpRequest request = HttpLoad.request(ingestUrl).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(bundle(patient, sample))).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        long accepted = System.nanoTime();
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ingest answered " + response.statusCode() + ": " + response.body());
        }
        while (problems(patient.nhsNumber()) <= before) {
            if (System.nanoTime() - accepted > timeoutNanos) {
                throw new IllegalStateException("problem " + sample + " of patient " + patient.index() + " not visible after "
                        + timeoutNanos / 1_000_000 + " ms");
            }
            Thread.sleep(1);
        }
        return System.nanoTime() - accepted;
    }

    private int problems(String nhsNumber) {
        return reader.read(nhsNumber, RecordQuery.sections(RecordSection.PROBLEMS)).section(RecordSection.PROBLEMS).size();
    }

    /** The patient (unchanged, as generated) plus one new active problem with a code no other item has. */
    private static String bundle(GeneratedPatient patient, int sample) {
        Patient subject = (Patient) patient.bundle().getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance).findFirst().orElseThrow();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = "urn:uuid:" + subject.getIdPart();
        bundle.addEntry().setFullUrl(patientUrl).setResource(subject).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        String conditionId = java.util.UUID.nameUUIDFromBytes(("bench-probe-" + patient.index() + "-" + sample + "-" + System.nanoTime())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        Condition condition = new Condition();
        condition.setId(conditionId);
        condition.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")));
        condition.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "9" + (100000 + sample) + "1000000105",
                "Benchmark probe problem " + sample)));
        condition.setSubject(new Reference(patientUrl));
        condition.setRecordedDate(new Date());
        condition.setOnset(new org.hl7.fhir.r4.model.DateTimeType(new Date()));
        bundle.addEntry().setFullUrl("urn:uuid:" + conditionId).setResource(condition).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Condition");
        return JSON.encodeResourceToString(bundle);
    }
}
