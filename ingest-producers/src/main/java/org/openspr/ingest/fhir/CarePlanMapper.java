package org.openspr.ingest.fhir;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openspr.events.avro.CarePlanRecorded;
import org.openspr.events.avro.Concept;

/** CarePlan → CarePlanRecorded; addressed Conditions in the same message contribute their codes. */
final class CarePlanMapper implements ResourceMapper<CarePlan> {
    @Override
    public Reference patient(CarePlan c) {
        return c.getSubject();
    }

    @Override
    public Mapped map(CarePlan c, BundleIndex refs) {
        List<Concept> addresses = new ArrayList<>();
        for (Reference ref : c.getAddresses()) {
            Resource target = refs.resolve(ref, c);
            Concept concept = target instanceof Condition condition ? FhirTypes.concept(condition.getCode())
                    : FhirTypes.textConcept(FhirTypes.display(ref));
            if (concept != null) {
                addresses.add(concept);
            }
        }
        List<Concept> activities = new ArrayList<>();
        for (var activity : c.getActivity()) {
            Concept concept = activity.hasDetail() ? FhirTypes.concept(activity.getDetail().getCode()) : null;
            if (concept != null) {
                activities.add(concept);
            }
        }
        String status = FhirTypes.codeOr(c.getStatusElement(), "unknown");
        CarePlanRecorded payload = CarePlanRecorded.newBuilder()
                .setTitle(c.getTitle())
                .setStatus(status)
                .setIntent(FhirTypes.code(c.getIntentElement()))
                .setCategories(FhirTypes.concepts(c.getCategory()))
                .setPeriod(FhirTypes.period(c.getPeriod()))
                .setDescription(c.getDescription())
                .setAddresses(addresses)
                .setActivities(activities)
                .build();
        return Mapped.of(payload, payload.getPeriod().getStart(), FhirTypes.author(c.getAuthor()), status);
    }
}
