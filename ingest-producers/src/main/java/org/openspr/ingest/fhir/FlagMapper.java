package org.openspr.ingest.fhir;

import java.util.Locale;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Reference;
import org.openspr.events.avro.FlagRaised;

/** Flag → FlagRaised; a flag whose code or category mentions safeguarding is marked as such. */
final class FlagMapper implements ResourceMapper<Flag> {
    @Override
    public Reference patient(Flag f) {
        return f.getSubject();
    }

    @Override
    public Mapped map(Flag f, BundleIndex refs) {
        String status = FhirTypes.codeOr(f.getStatusElement(), "unknown");
        boolean safeguarding = mentionsSafeguarding(f);
        FlagRaised payload = FlagRaised.newBuilder()
                .setCode(FhirTypes.conceptOrEmpty(f.getCode()))
                .setStatus(status)
                .setCategories(FhirTypes.concepts(f.getCategory()))
                .setSafeguarding(safeguarding)
                .setPeriod(FhirTypes.period(f.getPeriod()))
                .setAuthor(FhirTypes.author(f.getAuthor()))
                .build();
        return Mapped.of(payload, payload.getPeriod().getStart(), payload.getAuthor(), status);
    }

    private static boolean mentionsSafeguarding(Flag f) {
        StringBuilder text = new StringBuilder(f.getCode().getText() == null ? "" : f.getCode().getText());
        f.getCode().getCoding().forEach(c -> text.append(' ').append(c.getDisplay()));
        f.getCategory().forEach(cc -> cc.getCoding().forEach(c -> text.append(' ').append(c.getCode()).append(' ').append(c.getDisplay())));
        return text.toString().toLowerCase(Locale.ROOT).contains("safeguard");
    }
}
