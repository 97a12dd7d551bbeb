package org.openspr.ingest.fhir;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Reference;
import org.openspr.events.avro.Attachment;
import org.openspr.events.avro.DiagnosticReportRecorded;
import org.openspr.events.ids.EventIds;

/** DiagnosticReport → DiagnosticReportRecorded; results become the item ids of the observations they point at. */
final class DiagnosticReportMapper implements ResourceMapper<DiagnosticReport> {
    private final String sourceSystem;

    DiagnosticReportMapper(String sourceSystem) {
        this.sourceSystem = sourceSystem;
    }

    @Override
    public Reference patient(DiagnosticReport r) {
        return r.getSubject();
    }

    @Override
    public Mapped map(DiagnosticReport r, BundleIndex refs) {
        List<String> results = new ArrayList<>();
        for (Reference result : r.getResult()) {
            String sourceId = refs.sourceId(result, r);
            if (sourceId != null) {
                results.add(EventIds.itemId(sourceSystem, sourceId));
            }
        }
        List<Attachment> forms = new ArrayList<>();
        r.getPresentedForm().forEach(a -> forms.add(DocumentMappers.attachment(a)));
        String status = FhirTypes.codeOr(r.getStatusElement(), "unknown");
        DiagnosticReportRecorded payload = DiagnosticReportRecorded.newBuilder()
                .setCode(FhirTypes.conceptOrEmpty(r.getCode()))
                .setStatus(status)
                .setCategories(FhirTypes.concepts(r.getCategory()))
                .setEffective(FhirTypes.instant(r.getEffective()))
                .setIssued(FhirTypes.instant(r.getIssued()))
                .setPerformer(FhirTypes.firstAuthor(r.getPerformer()))
                .setResultItemIds(results)
                .setConclusion(r.getConclusion())
                .setConclusionCodes(FhirTypes.concepts(r.getConclusionCode()))
                .setPresentedForms(forms)
                .build();
        return Mapped.of(payload, payload.getEffective(), payload.getPerformer(), status);
    }
}
