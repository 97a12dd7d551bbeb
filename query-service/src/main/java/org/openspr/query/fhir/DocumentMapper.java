package org.openspr.query.fhir;

import static org.openspr.query.fhir.FhirTypes.concept;
import static org.openspr.query.fhir.FhirTypes.oneOf;
import static org.openspr.query.fhir.FhirTypes.patient;

import java.util.Set;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.openspr.events.avro.DocumentRecorded;

/** Documents: metadata and where the content is; content that was inlined as text stays in the record, not here. */
final class DocumentMapper {
    private DocumentMapper() {
    }

    static DocumentReference document(String nhsNumber, DocumentRecorded d) {
        DocumentReference document = new DocumentReference().setSubject(patient(nhsNumber)).setType(concept(d.getType()));
        document.setStatus(Enumerations.DocumentReferenceStatus.fromCode(oneOf(d.getStatus(),
                Set.of("current", "superseded", "entered-in-error"), "current")));
        d.getCategories().forEach(c -> document.addCategory(concept(c)));
        document.setDescription(d.getDescription() != null ? d.getDescription() : d.getTitle());
        if (d.getDate() != null) {
            document.setDate(FhirTypes.date(d.getDate()));
        }
        if (d.getCustodian() != null) {
            document.getCustodian().getIdentifier().setSystem(FhirTypes.ODS_SYSTEM).setValue(d.getCustodian());
        }
        for (org.openspr.events.avro.Attachment a : d.getContents()) {
            Attachment attachment = new Attachment().setContentType(a.getContentType()).setUrl(a.getUrl()).setTitle(a.getTitle());
            if (a.getSizeBytes() != null) {
                attachment.setSize(a.getSizeBytes().intValue());
            }
            // Text held inline (e.g. a clinical note) is the content itself: carry it, not only its label.
            if (a.getInlineText() != null) {
                attachment.setData(a.getInlineText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (a.getContentType() == null) {
                    attachment.setContentType("text/plain");
                }
            }
            document.addContent().setAttachment(attachment);
        }
        // content is 1..*: a document known only by its metadata still says so.
        if (document.getContent().isEmpty()) {
            document.addContent().setAttachment(new Attachment().setTitle(d.getTitle() != null ? d.getTitle() : "content not held"));
        }
        return document;
    }
}
