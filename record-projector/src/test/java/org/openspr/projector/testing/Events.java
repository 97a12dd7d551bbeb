package org.openspr.projector.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openspr.events.avro.AllergyRecorded;
import org.openspr.events.avro.ChangeKind;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.Coding;
import org.openspr.events.avro.Concept;
import org.openspr.events.avro.ConditionRecorded;
import org.openspr.events.avro.EntryEnteredInError;
import org.openspr.events.avro.IdentityEvent;
import org.openspr.events.avro.LocalIdentifier;
import org.openspr.events.avro.LocalIdentifiersMerged;
import org.openspr.events.avro.MedicationKind;
import org.openspr.events.avro.MedicationRecorded;
import org.openspr.events.avro.NhsNumberLinked;
import org.openspr.events.avro.PatientIdentity;
import org.openspr.events.avro.PatientsMerged;
import org.openspr.events.avro.PatientsUnmerged;
import org.openspr.events.avro.Provenance;
import org.openspr.events.avro.SourceRef;
import org.openspr.events.ids.EventIds;

/** Builders for the events tests feed the projector, shaped like ingest's output. */
public final class Events {
    public static final String SNOMED = "http://snomed.info/sct";
    public static final Instant DAY = Instant.parse("2026-03-01T10:00:00Z");

    private Events() {
    }

    /** A clinical event under construction; defaults make a valid RECORDED allergy from trust RX1. */
    public static Builder allergy(String sourceItem, String code, String clinicalStatus) {
        return new Builder(sourceItem, AllergyRecorded.newBuilder()
                .setCode(concept(code)).setClinicalStatus(clinicalStatus).setOnset(DAY).build());
    }

    public static Builder condition(String sourceItem, String code, String clinicalStatus) {
        return new Builder(sourceItem, ConditionRecorded.newBuilder()
                .setCode(concept(code)).setClinicalStatus(clinicalStatus).setOnset(DAY).build());
    }

    public static Builder medication(String sourceItem, String code, String status) {
        return new Builder(sourceItem, MedicationRecorded.newBuilder().setKind(MedicationKind.PRESCRIBED)
                .setMedication(concept(code)).setStatus(status).setAuthoredOn(DAY).build());
    }

    public static Builder enteredInError(String sourceItem, String entryType) {
        return new Builder(sourceItem, EntryEnteredInError.newBuilder().setEntryType(entryType).setReason("wrong patient").build())
                .change(ChangeKind.ENTERED_IN_ERROR);
    }

    public static Concept concept(String code) {
        return Concept.newBuilder().setCodings(List.of(Coding.newBuilder().setSystem(SNOMED).setCode(code).build())).build();
    }

    public static LocalIdentifier mrn(String value) {
        return LocalIdentifier.newBuilder().setSystem("https://rx1.nhs.uk/mrn").setValue(value).setType("MR").build();
    }

    public static IdentityEvent linked(String nhsNumber, LocalIdentifier local) {
        return identity("link-" + local.getValue(), NhsNumberLinked.newBuilder()
                .setNhsNumber(nhsNumber).setLocalIdentifier(local).setBasis("SOURCE_ASSERTED").build());
    }

    public static IdentityEvent merged(String superseded, String surviving) {
        return identity("merge-" + superseded, PatientsMerged.newBuilder()
                .setSupersededNhsNumber(superseded).setSurvivingNhsNumber(surviving).build());
    }

    public static IdentityEvent localMerged(LocalIdentifier superseded, LocalIdentifier surviving) {
        return identity("local-merge-" + superseded.getValue(), LocalIdentifiersMerged.newBuilder()
                .setSuperseded(superseded).setSurviving(surviving).build());
    }

    public static IdentityEvent unmerged(String restored, String surviving) {
        return identity("unmerge-" + restored, PatientsUnmerged.newBuilder()
                .setRestoredNhsNumber(restored).setSurvivingNhsNumber(surviving).build());
    }

    private static IdentityEvent identity(String id, Object change) {
        return IdentityEvent.newBuilder().setEventId(EventIds.eventId("PAS", id, "1"))
                .setSource(source("RX1", "PAS", id)).setRecordedAt(DAY).setChange(change).build();
    }

    private static SourceRef source(String ods, String system, String messageId) {
        return SourceRef.newBuilder().setOdsCode(ods).setSystem(system).setMessageType("FHIR:transaction")
                .setMessageId(messageId).build();
    }

    /** Fluent builder for one clinical event. */
    public static final class Builder {
        private final String sourceItem;
        private final Object payload;
        private String ods = "RX1";
        private String system = "EPR";
        private String nhsNumber;
        private final List<LocalIdentifier> locals = new ArrayList<>();
        private Instant versionedAt = DAY;
        private String version = "1";
        private ChangeKind change = ChangeKind.RECORDED;
        private final List<Coding> sensitivity = new ArrayList<>();

        private Builder(String sourceItem, Object payload) {
            this.sourceItem = sourceItem;
            this.payload = payload;
        }

        public Builder nhs(String nhs) {
            this.nhsNumber = nhs;
            return this;
        }

        public Builder local(LocalIdentifier id) {
            locals.add(id);
            return this;
        }

        public Builder from(String odsCode, String sourceSystem) {
            this.ods = odsCode;
            this.system = sourceSystem;
            return this;
        }

        public Builder version(String sourceVersion, Instant madeAt) {
            this.version = sourceVersion;
            this.versionedAt = madeAt;
            return this;
        }

        public Builder change(ChangeKind kind) {
            this.change = kind;
            return this;
        }

        public Builder sensitive(String code) {
            sensitivity.add(Coding.newBuilder().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode(code).build());
            return this;
        }

        /** The routing key ingest would publish this under. */
        public String routingKey() {
            return nhsNumber != null ? nhsNumber : locals.get(0).getSystem() + "|" + locals.get(0).getValue();
        }

        public ClinicalEvent build() {
            return ClinicalEvent.newBuilder()
                    .setEventId(EventIds.eventId(system, sourceItem, version + "/" + change))
                    .setItemId(EventIds.itemId(system, sourceItem))
                    .setChange(change)
                    .setPatient(PatientIdentity.newBuilder().setNhsNumber(nhsNumber).setLocalIdentifiers(new ArrayList<>(locals)).build())
                    .setSource(source(ods, system, sourceItem + "-" + version))
                    .setRecordedAt(versionedAt.plusSeconds(60))
                    .setVersionedAt(versionedAt)
                    .setSourceVersion(version)
                    .setSensitivity(new ArrayList<>(sensitivity))
                    .setProvenance(Provenance.newBuilder().setSourceMessageType("FHIR:transaction").build())
                    .setPayload(payload)
                    .build();
        }
    }
}
