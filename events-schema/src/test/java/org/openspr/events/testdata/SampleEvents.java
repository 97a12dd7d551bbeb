package org.openspr.events.testdata;

import java.time.Instant;
import java.util.List;
import org.openspr.events.avro.ChangeKind;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.Coding;
import org.openspr.events.avro.Concept;
import org.openspr.events.avro.LocalIdentifier;
import org.openspr.events.avro.ObservationKind;
import org.openspr.events.avro.ObservationRecorded;
import org.openspr.events.avro.ObservationValue;
import org.openspr.events.avro.PatientIdentity;
import org.openspr.events.avro.Provenance;
import org.openspr.events.avro.Quantity;
import org.openspr.events.avro.ReferenceRange;
import org.openspr.events.avro.SourceRef;
import org.openspr.events.ids.EventIds;
import org.openspr.events.nhs.NhsNumber;

/** UK-shaped events for tests: NHS test numbers, ODS codes, LOINC/SNOMED codes. */
public final class SampleEvents {
    private SampleEvents() {
    }

    /** A serum potassium result for the n-th test patient, from a made-up trust (ODS RX1). */
    public static ClinicalEvent potassiumResult(int n) {
        String nhsNumber = NhsNumber.testNumber(n);
        Instant taken = Instant.parse("2026-03-01T09:30:00Z").plusSeconds(n);
        return ClinicalEvent.newBuilder()
                .setEventId(EventIds.eventId("RX1|WINPATH", "ORU" + n, "1"))
                .setItemId(EventIds.itemId("RX1|WINPATH", "ORD" + n + "|OBX1"))
                .setChange(ChangeKind.RECORDED)
                .setPatient(PatientIdentity.newBuilder()
                        .setNhsNumber(nhsNumber)
                        .setLocalIdentifiers(List.of(new LocalIdentifier("https://fhir.rx1.nhs.uk/Id/mrn", "MRN" + n, "MR")))
                        .build())
                .setSource(SourceRef.newBuilder().setOdsCode("RX1").setSystem("WINPATH").setMessageType("ORU^R01")
                        .setMessageId("ORU" + n).setResourceType("OBX").setResourceId("ORD" + n + "|1").build())
                .setOccurredAt(taken)
                .setRecordedAt(taken.plusSeconds(3600))
                .setVersionedAt(taken.plusSeconds(1800))
                .setProvenance(Provenance.newBuilder().setSourceMessageType("ORU^R01").build())
                .setPayload(ObservationRecorded.newBuilder()
                        .setKind(ObservationKind.LAB_RESULT)
                        .setCode(new Concept(List.of(new Coding("http://loinc.org", "2823-3", "Potassium [Moles/volume] in Serum or Plasma"),
                                new Coding("http://snomed.info/sct", "1000651000000109", "Serum potassium level")), null))
                        .setStatus("final")
                        .setValue(ObservationValue.newBuilder()
                                .setQuantity(new Quantity("5.40", null, "mmol/L", "http://unitsofmeasure.org", "mmol/L")).build())
                        .setReferenceRanges(List.of(new ReferenceRange(
                                new Quantity("3.5", null, "mmol/L", null, null), new Quantity("5.3", null, "mmol/L", null, null), null)))
                        .setInterpretations(List.of(new Concept(List.of(new Coding(
                                "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "H", "High")), null)))
                        .build())
                .build();
    }
}
