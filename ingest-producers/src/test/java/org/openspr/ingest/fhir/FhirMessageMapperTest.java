package org.openspr.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.DemographicsRecorded;
import org.openspr.events.avro.DiagnosticReportRecorded;
import org.openspr.events.avro.NhsNumberLinked;
import org.openspr.events.avro.ObservationKind;
import org.openspr.events.avro.ObservationRecorded;
import org.openspr.events.avro.PregnancyEpisodeRecorded;
import org.openspr.ingest.map.ItemOutcome;
import org.openspr.ingest.map.MappedMessage;
import org.openspr.ingest.map.PatientKeys;
import org.openspr.ingest.map.SourceDefaults;
import org.openspr.ingest.support.Fixtures;

class FhirMessageMapperTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final FhirIngestor ingestor = new FhirIngestor(new SourceDefaults("fhir-test", "X26"), false);

    private MappedMessage ingest(String fixture) {
        return ingestor.ingest(Fixtures.bytes(fixture), false, FhirIngestor.Expect.ANY, null, NOW);
    }

    /** A transaction bundle of a female patient with an NHS number ({@code %1$s} in the entries refers to her) and the entries. */
    private MappedMessage ingestWithPatient(String entries) {
        String patient = "urn:uuid:0b3a1c52-7d7e-4a51-9d5e-3c1c7e3b0001";
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"%1$s","resource":{"resourceType":"Patient","id":"p1",
                   "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9434765919"}],"gender":"female"}},
                """.formatted(patient) + entries.formatted(patient) + "]}";
        return ingestor.ingest(bundle.getBytes(java.nio.charset.StandardCharsets.UTF_8), false, FhirIngestor.Expect.ANY, null, NOW);
    }

    @Test
    void shouldAccountForEveryEntryOfASyntheaBundle() {
        MappedMessage mapped = ingest("synthea/Buster_Hoeger_ad2e3fc5-2b5d-4cb9-8d03-9ea0f4ac8423.json");

        assertThat(mapped.rejected()).as(String.valueOf(mapped.rejection())).isFalse();
        assertThat(mapped.count(ItemOutcome.Status.REJECTED)).isZero();
        assertThat(mapped.clinicalEvents()).hasSize((int) mapped.count(ItemOutcome.Status.RECORDED));
        assertThat(mapped.outcomes().stream().filter(o -> o.status() == ItemOutcome.Status.NOT_RECORDED)
                .map(ItemOutcome::itemType).collect(Collectors.toSet())).contains("Claim", "Organization");
        String key = PatientKeys.routingKey(mapped.clinicalEvents().get(0).getPatient());
        assertThat(mapped.clinicalEvents()).allSatisfy(e -> assertThat(PatientKeys.routingKey(e.getPatient())).isEqualTo(key));
        assertThat(mapped.identityEvents()).isEmpty();
    }

    @Test
    void shouldDeriveAMaternityEpisodeFromPregnancyConditionsAndPregnancyStatusObservations() {
        MappedMessage mapped = ingestWithPatient("""
                 {"resource":{"resourceType":"Condition","id":"c1","subject":{"reference":"%1$s"},
                   "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"resolved"}]},
                   "code":{"coding":[{"system":"http://snomed.info/sct","code":"72892002","display":"Normal pregnancy"}]},
                   "onsetDateTime":"2025-01-10T00:00:00Z","abatementDateTime":"2025-10-01T00:00:00Z"}},
                 {"resource":{"resourceType":"Observation","id":"o1","status":"final","subject":{"reference":"%1$s"},
                   "code":{"coding":[{"system":"http://loinc.org","code":"82810-3"}]},"effectiveDateTime":"2026-02-01T00:00:00Z",
                   "valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"77386006"}]}}},
                 {"resource":{"resourceType":"Observation","id":"o2","status":"final","subject":{"reference":"%1$s"},
                   "code":{"coding":[{"system":"http://loinc.org","code":"82810-3"}]},"effectiveDateTime":"2024-02-01T00:00:00Z",
                   "valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"60001007","display":"Not pregnant"}]}}}
                """);

        assertThat(mapped.rejected()).as(String.valueOf(mapped.rejection())).isFalse();
        var episodes = mapped.clinicalEvents().stream().filter(e -> e.getPayload() instanceof PregnancyEpisodeRecorded).toList();
        assertThat(episodes).hasSize(2);
        PregnancyEpisodeRecorded finished = (PregnancyEpisodeRecorded) episodes.get(0).getPayload();
        assertThat(finished.getStatus()).isEqualTo("finished");
        assertThat(finished.getPeriod().getStart()).isEqualTo(Instant.parse("2025-01-10T00:00:00Z"));
        assertThat(finished.getPeriod().getEnd()).isEqualTo(Instant.parse("2025-10-01T00:00:00Z"));
        PregnancyEpisodeRecorded current = (PregnancyEpisodeRecorded) episodes.get(1).getPayload();
        assertThat(current.getStatus()).isEqualTo("active");
        assertThat(current.getPeriod().getStart()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(mapped.clinicalEvents()).hasSize(4 + 2); // every resource keeps its own event; the episodes come on top
        assertThat(mapped.clinicalEvents()).extracting(ClinicalEvent::getEventId).doesNotHaveDuplicates();
        assertThat(mapped.outcomes().get(1).eventIds()).hasSize(2).contains(episodes.get(0).getEventId());
        assertThat(mapped.outcomes().get(3).eventIds()).hasSize(1); // "not pregnant" states no episode
    }

    @Test
    void shouldWithdrawTheDerivedEpisodeWhenAPregnancyConditionIsEnteredInError() {
        MappedMessage mapped = ingestWithPatient("""
                 {"resource":{"resourceType":"Condition","id":"c9","subject":{"reference":"%1$s"},
                   "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"entered-in-error"}]},
                   "code":{"coding":[{"system":"http://snomed.info/sct","code":"72892002","display":"Normal pregnancy"}]},
                   "onsetDateTime":"2025-01-10T00:00:00Z"}}
                """);

        assertThat(mapped.rejected()).as(String.valueOf(mapped.rejection())).isFalse();
        var withdrawals = mapped.clinicalEvents().stream().filter(e -> e.getChange() == org.openspr.events.avro.ChangeKind.ENTERED_IN_ERROR)
                .collect(Collectors.toMap(ClinicalEvent::getItemId, e -> ((org.openspr.events.avro.EntryEnteredInError) e.getPayload()).getEntryType()));
        // the Condition's own withdrawal, and the derived episode's, which names the episode's type so that the
        // projector files it in maternity even when it arrives before the episode
        assertThat(withdrawals).hasSize(2).containsValues("Condition", "PregnancyEpisodeRecorded");
    }

    @Test
    void shouldGiveIdenticalEventIdsWhenTheSameBundleIsSentTwice() {
        MappedMessage first = ingest("synthea/Buster_Hoeger_ad2e3fc5-2b5d-4cb9-8d03-9ea0f4ac8423.json");
        MappedMessage second = ingest("synthea/Buster_Hoeger_ad2e3fc5-2b5d-4cb9-8d03-9ea0f4ac8423.json");

        assertThat(second.clinicalEvents()).extracting(ClinicalEvent::getEventId)
                .containsExactlyElementsOf(first.clinicalEvents().stream().map(ClinicalEvent::getEventId).toList())
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldAssignDeterministicTestNhsNumbersWhenAsked() {
        FhirIngestor assigning = new FhirIngestor(new SourceDefaults("fhir-test", "X26"), true);
        MappedMessage mapped = assigning.ingest(Fixtures.bytes("synthea/Buster_Hoeger_ad2e3fc5-2b5d-4cb9-8d03-9ea0f4ac8423.json"),
                false, FhirIngestor.Expect.ANY, null, NOW);

        String nhs = mapped.clinicalEvents().get(0).getPatient().getNhsNumber();
        assertThat(nhs).startsWith("999").hasSize(10);
        assertThat(mapped.identityEvents()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getChange()).isInstanceOf(NhsNumberLinked.class);
            assertThat(((NhsNumberLinked) e.getChange()).getBasis()).isEqualTo("TEST_DATA_ASSIGNED");
        });
    }

    @Test
    void shouldMapAPathologyTransactionWithNhsNumberAndLinkLocalIdentifiers() {
        MappedMessage mapped = ingest("fhir-nhs/TRANSACTION-path-R4-example-bundle-LFT-UandE-report.json");

        assertThat(mapped.rejected()).as(String.valueOf(mapped.rejection())).isFalse();
        assertThat(mapped.clinicalEvents()).extracting(e -> e.getPayload().getClass().getSimpleName())
                .contains("DemographicsRecorded", "DiagnosticReportRecorded", "ObservationRecorded");
        ClinicalEvent report = mapped.clinicalEvents().stream().filter(e -> e.getPayload() instanceof DiagnosticReportRecorded)
                .findFirst().orElseThrow();
        assertThat(((DiagnosticReportRecorded) report.getPayload()).getResultItemIds()).isNotEmpty()
                .isSubsetOf(mapped.clinicalEvents().stream().map(ClinicalEvent::getItemId).toList());
        assertThat(mapped.clinicalEvents()).allSatisfy(e -> assertThat(e.getPatient().getNhsNumber()).isNotNull());
        ObservationRecorded obs = (ObservationRecorded) mapped.clinicalEvents().stream()
                .filter(e -> e.getPayload() instanceof ObservationRecorded o && o.getValue().getQuantity() != null)
                .findFirst().orElseThrow().getPayload();
        assertThat(obs.getKind()).isEqualTo(ObservationKind.OTHER); // the example sends no category
        assertThat(obs.getValue().getQuantity().getUnit()).isNotBlank();
        assertThat(mapped.identityEvents()).isNotEmpty();
    }

    @Test
    void shouldMapAUkCorePatient() {
        MappedMessage mapped = ingest("fhir-nhs/UKCore-Patient-RichardSmith-Example.json");

        assertThat(mapped.clinicalEvents()).singleElement().satisfies(e -> {
            assertThat(e.getPatient().getNhsNumber()).matches("\\d{10}");
            DemographicsRecorded d = (DemographicsRecorded) e.getPayload();
            assertThat(d.getNames()).isNotEmpty();
            assertThat(d.getBirthDate()).isNotNull();
        });
    }

    @Test
    void shouldResolveAContainedPatientOfAnImmunisation() {
        MappedMessage mapped = ingest("fhir-nhs/imms-completed_flu_immunization_event.json");

        assertThat(mapped.rejected()).as(String.valueOf(mapped.rejection())).isFalse();
        assertThat(mapped.clinicalEvents()).singleElement()
                .satisfies(e -> assertThat(e.getPatient().getNhsNumber()).isNotNull());
    }

    @Test
    void shouldMapMessagesAndDocumentsWithoutLosingEntries() {
        for (String fixture : new String[] {"fhir-nhs/prescriptionOrderExample.json", "fhir-nhs/document-message-TOC.json",
                "fhir-nhs/Example-Output-UKCore-AllergyIntolerance.json", "fhir-nhs/Encounter-ADT_A03-final.json"}) {
            MappedMessage mapped = ingest(fixture);
            assertThat(mapped.outcomes()).as(fixture).isNotEmpty();
            assertThat(mapped.outcomes()).as(fixture + " " + mapped.outcomes())
                    .noneMatch(o -> o.status() == ItemOutcome.Status.REJECTED && o.code().equals("SPR-2109"));
        }
    }

    @Test
    void shouldPublishAMergeWhenAPatientIsReplacedByAnother() {
        MappedMessage mapped = ingest("uk/patient_replaced_by.json");

        assertThat(mapped.identityEvents()).extracting(e -> e.getChange())
                .anySatisfy(c -> {
                    assertThat(c).isInstanceOf(org.openspr.events.avro.PatientsMerged.class);
                    assertThat(((org.openspr.events.avro.PatientsMerged) c).getSupersededNhsNumber()).isEqualTo("9990000085");
                    assertThat(((org.openspr.events.avro.PatientsMerged) c).getSurvivingNhsNumber()).isEqualTo("9990000093");
                });
    }
}
