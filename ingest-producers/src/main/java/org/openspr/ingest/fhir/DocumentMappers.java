package org.openspr.ingest.fhir;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Reference;
import org.openspr.events.avro.Attachment;
import org.openspr.events.avro.DocumentRecorded;

/** DocumentReference and Composition → DocumentRecorded. */
final class DocumentMappers {
    private DocumentMappers() {
    }

    static Attachment attachment(org.hl7.fhir.r4.model.Attachment a) {
        String inline = null;
        if (a.hasData() && a.hasContentType() && a.getContentType().startsWith("text/")) {
            inline = new String(a.getData(), java.nio.charset.StandardCharsets.UTF_8);
        }
        return Attachment.newBuilder().setContentType(a.getContentType()).setUrl(a.getUrl()).setTitle(a.getTitle())
                .setSizeBytes(a.hasSize() ? Long.valueOf(a.getSize()) : a.hasData() ? Long.valueOf(a.getData().length) : null)
                .setHashSha1(a.hasHash() ? HexFormat.of().formatHex(a.getHash()) : null)
                .setInlineText(inline).build();
    }

    /** DocumentReference: an index entry pointing at the document. */
    static final class Reference_ implements ResourceMapper<DocumentReference> {
        @Override
        public Reference patient(DocumentReference d) {
            return d.getSubject();
        }

        @Override
        public Mapped map(DocumentReference d, BundleIndex refs) {
            List<Attachment> contents = new ArrayList<>();
            d.getContent().forEach(c -> contents.add(attachment(c.getAttachment())));
            String status = FhirTypes.codeOr(d.getStatusElement(), "unknown");
            DocumentRecorded payload = DocumentRecorded.newBuilder()
                    .setType(FhirTypes.conceptOrEmpty(d.getType()))
                    .setCategories(FhirTypes.concepts(d.getCategory()))
                    .setTitle(d.hasDescription() ? d.getDescription() : null)
                    .setStatus(status)
                    .setDate(FhirTypes.instant(d.getDate()))
                    .setAuthor(FhirTypes.firstAuthor(d.getAuthor()))
                    .setCustodian(FhirTypes.display(d.getCustodian()))
                    .setDescription(d.getDescription())
                    .setContents(contents)
                    .build();
            return Mapped.of(payload, payload.getDate(), payload.getAuthor(), status);
        }
    }

    /** Composition: the document itself; section titles are kept as text, the full content stays on the raw topic. */
    static final class Composition_ implements ResourceMapper<Composition> {
        @Override
        public Reference patient(Composition c) {
            return c.getSubject();
        }

        @Override
        public Mapped map(Composition c, BundleIndex refs) {
            StringBuilder sections = new StringBuilder();
            c.getSection().forEach(s -> sections.append(s.hasTitle() ? s.getTitle() : "(untitled section)").append('\n'));
            String status = FhirTypes.codeOr(c.getStatusElement(), "unknown");
            DocumentRecorded payload = DocumentRecorded.newBuilder()
                    .setType(FhirTypes.conceptOrEmpty(c.getType()))
                    .setCategories(FhirTypes.concepts(c.getCategory()))
                    .setTitle(c.getTitle())
                    .setStatus(status)
                    .setDate(FhirTypes.instant(c.getDate()))
                    .setAuthor(FhirTypes.firstAuthor(c.getAuthor()))
                    .setCustodian(FhirTypes.display(c.getCustodian()))
                    .setContents(sections.length() == 0 ? List.of() : List.of(Attachment.newBuilder()
                            .setContentType("text/plain").setTitle("sections").setInlineText(sections.toString()).build()))
                    .build();
            return Mapped.of(payload, payload.getDate(), payload.getAuthor(), status);
        }
    }
}
