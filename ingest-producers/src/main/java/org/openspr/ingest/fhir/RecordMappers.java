package org.openspr.ingest.fhir;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;

/** Which FHIR resource types become record events, and why the others do not. */
final class RecordMappers {
    private final Map<String, ResourceMapper<? extends Resource>> mappers;

    private static final Map<String, String> NOT_RECORDED = Map.ofEntries(
            Map.entry("Claim", "billing, not clinical record content"),
            Map.entry("ExplanationOfBenefit", "billing, not clinical record content"),
            Map.entry("Coverage", "insurance, not clinical record content"),
            Map.entry("Organization", "reference data, not patient record content"),
            Map.entry("Practitioner", "reference data, not patient record content"),
            Map.entry("PractitionerRole", "reference data, not patient record content"),
            Map.entry("Location", "reference data, not patient record content"),
            Map.entry("HealthcareService", "reference data, not patient record content"),
            Map.entry("Device", "reference data, not patient record content"),
            Map.entry("Medication", "reference data, folded into the medication events that point at it"),
            Map.entry("MessageHeader", "message envelope, kept on the raw topic"),
            Map.entry("Binary", "document content, kept on the raw topic"),
            Map.entry("Provenance", "audit trail of the sender, kept on the raw topic"),
            Map.entry("Specimen", "specimen details, kept on the raw topic"),
            Map.entry("ServiceRequest", "orders are not record entries; their results are"),
            Map.entry("ImagingStudy", "imaging study metadata, not mapped yet (kept on the raw topic)"),
            Map.entry("Consent", "consent is not mapped by ingest (kept on the raw topic)"),
            Map.entry("RelatedPerson", "related persons are not mapped yet (kept on the raw topic)"),
            Map.entry("EpisodeOfCare", "episodes of care are not mapped yet (kept on the raw topic)"),
            Map.entry("SupplyDelivery", "supply is not clinical record content"));

    /** Types whose content some mapping reads: the recorded ones, and Medication (folded into medication events). */
    private static final Set<String> CONTENT_READ = contentRead();

    RecordMappers(String sourceSystem) {
        this.mappers = Map.ofEntries(
                Map.entry("Patient", new PatientMapper()),
                Map.entry("Encounter", new EncounterMapper()),
                Map.entry("Condition", new ConditionMapper()),
                Map.entry("AllergyIntolerance", new AllergyMapper()),
                Map.entry("Observation", new ObservationMapper()),
                Map.entry("DiagnosticReport", new DiagnosticReportMapper(sourceSystem)),
                Map.entry("Procedure", new ProcedureMapper()),
                Map.entry("Immunization", new ImmunizationMapper()),
                Map.entry("MedicationRequest", new MedicationMappers.Request()),
                Map.entry("MedicationStatement", new MedicationMappers.Statement()),
                Map.entry("MedicationDispense", new MedicationMappers.Dispense()),
                Map.entry("MedicationAdministration", new MedicationMappers.Administration()),
                Map.entry("DocumentReference", new DocumentMappers.Reference_()),
                Map.entry("Composition", new DocumentMappers.Composition_()),
                Map.entry("CarePlan", new CarePlanMapper()),
                Map.entry("Flag", new FlagMapper()));
    }

    private static Set<String> contentRead() {
        Set<String> types = new HashSet<>(new RecordMappers("(types only)").mappers.keySet());
        types.add("Medication");
        return Set.copyOf(types);
    }

    /**
     * Whether any mapping reads more of a resource of this type than its type and id (as a record entry, or through a
     * reference from one).
     */
    static boolean contentIsRead(String resourceType) {
        return CONTENT_READ.contains(resourceType);
    }

    @SuppressWarnings("unchecked")
    ResourceMapper<Resource> mapper(String resourceType) {
        return (ResourceMapper<Resource>) mappers.get(resourceType);
    }

    /** The reason a type is not recorded, for the sender's transaction-response. */
    static String notRecordedReason(String resourceType) {
        String reason = NOT_RECORDED.get(resourceType);
        return resourceType + " not recorded: " + (reason != null ? reason : "not part of the patient record model (kept on the raw topic)");
    }
}
