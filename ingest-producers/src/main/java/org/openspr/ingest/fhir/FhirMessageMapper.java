package org.openspr.ingest.fhir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.openspr.events.avro.ChangeKind;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.Coding;
import org.openspr.events.avro.EntryEnteredInError;
import org.openspr.events.avro.LocalIdentifier;
import org.openspr.events.avro.PregnancyEpisodeRecorded;
import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.map.EventFactory;
import org.openspr.ingest.map.IdentityEvents;
import org.openspr.ingest.map.IngestRejection;
import org.openspr.ingest.map.ItemOutcome;
import org.openspr.ingest.map.MappedMessage;
import org.openspr.ingest.map.MessageContext;

/**
 * Maps a parsed FHIR resource or Bundle to events. Every entry gets an outcome; a transaction Bundle with a rejected
 * entry is rolled back as a whole, any other Bundle keeps its good entries.
 */
public final class FhirMessageMapper {
    private final boolean assignTestNhsNumbers;

    /** @param assignTestNhsNumbers give patients without an NHS number a deterministic test number (test data only) */
    public FhirMessageMapper(boolean assignTestNhsNumbers) {
        this.assignTestNhsNumbers = assignTestNhsNumbers;
    }

    public MappedMessage map(Resource root, MessageContext ctx) {
        MappedMessage out = new MappedMessage(ctx);
        Run run = new Run(ctx, out, root instanceof Bundle b ? BundleIndex.of(b) : BundleIndex.single(root));
        if (root instanceof Bundle bundle) {
            List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
            for (int i = 0; i < entries.size(); i++) {
                Bundle.BundleEntryComponent entry = entries.get(i);
                String location = "Bundle.entry[" + i + "]";
                if (entry.getResource() == null) {
                    String method = entry.hasRequest() ? entry.getRequest().getMethod().toCode() : "no resource";
                    out.addOutcome(ItemOutcome.notRecorded(location, "(none)", "entry without a resource (" + method
                            + ") not recorded: withdraw an item by sending it with status entered-in-error"));
                    continue;
                }
                run.item(entry.getResource(), location + ".resource", Integer.toString(i));
            }
            if (bundle.getType() == Bundle.BundleType.TRANSACTION) {
                rollbackIfAnyRejected(out);
            }
        } else {
            run.item(root, root.fhirType(), "0");
            if (run.firstRejection != null) {
                out.rollback(run.firstRejection); // a single resource is all there is: its own reason is the message's
            }
        }
        return out;
    }

    private static void rollbackIfAnyRejected(MappedMessage out) {
        List<ItemOutcome> outcomes = out.outcomes();
        for (int i = 0; i < outcomes.size(); i++) {
            ItemOutcome o = outcomes.get(i);
            if (o.status() == ItemOutcome.Status.REJECTED) {
                out.rollback(new IngestRejection(o.location(), IngestErrorCode.FHIR_TRANSACTION_FAILED, i, o.text()));
                return;
            }
        }
    }

    /** State of mapping one message: its references, patients and event factory. */
    private final class Run {
        private final MessageContext ctx;
        private final MappedMessage out;
        private final BundleIndex refs;
        private final RecordMappers mappers;
        private final PatientIdentities patients;
        private final EventFactory events;
        /** Patients whose links this message already carries (PatientIdentities resolves each patient once). */
        private final Set<PatientIdentities.Resolved> linked = Collections.newSetFromMap(new IdentityHashMap<>());
        IngestRejection firstRejection;

        Run(MessageContext ctx, MappedMessage out, BundleIndex refs) {
            this.ctx = ctx;
            this.out = out;
            this.refs = refs;
            this.mappers = new RecordMappers(ctx.sourceSystem());
            this.patients = new PatientIdentities(ctx.sourceSystem(), assignTestNhsNumbers);
            this.events = new EventFactory(ctx);
        }

        void item(Resource r, String location, String fallbackId) {
            String type = r.fhirType();
            try {
                ResourceMapper<Resource> mapper = mappers.mapper(type);
                if (mapper == null) {
                    out.addOutcome(ItemOutcome.notRecorded(location, type, RecordMappers.notRecordedReason(type)));
                    return;
                }
                PatientIdentities.Resolved who = r instanceof Patient p ? patients.of(p, location)
                        : patients.of(mapper.patient(r), r, refs, location + "." + mapper.patientElement());
                if (who == null) {
                    String element = location + "." + mapper.patientElement();
                    throw new IngestRejection(element, IngestErrorCode.FHIR_NO_PATIENT, type, element);
                }
                ResourceMapper.Mapped mapped = mapper.map(r, refs);
                ClinicalEvent event = event(r, type, FhirIds.sourceId(r, fallbackId), who, mapped, type);
                ClinicalEvent episode = pregnancyEpisode(r, type, fallbackId, who, mapped);
                out.addEvent(event);
                if (episode != null) {
                    out.addEvent(episode);
                }
                link(who);
                if (r instanceof Patient p) {
                    new PatientLinks(ctx, patients, refs).replacedBy(p, location, who).forEach(out::addIdentity);
                }
                out.addOutcome(ItemOutcome.recorded(location, type,
                        episode == null ? List.of(event.getEventId()) : List.of(event.getEventId(), episode.getEventId())));
            } catch (IngestRejection rejection) {
                rejected(location, type, rejection);
            } catch (RuntimeException bug) {
                rejected(location, type, new IngestRejection(location, IngestErrorCode.MAPPING_FAILED, type, bug.toString()));
            }
        }

        private void rejected(String location, String type, IngestRejection rejection) {
            if (firstRejection == null) {
                firstRejection = rejection;
            }
            out.addOutcome(ItemOutcome.rejected(location, type, rejection));
        }

        /** The maternity episode a pregnancy Condition or Observation states, as an event of its own (null if none). */
        private ClinicalEvent pregnancyEpisode(Resource r, String type, String fallbackId, PatientIdentities.Resolved who,
                                               ResourceMapper.Mapped from) {
            PregnancyEpisodeRecorded episode = PregnancyEpisodes.of(r);
            if (episode == null) {
                return null;
            }
            ResourceMapper.Mapped mapped = new ResourceMapper.Mapped(episode, episode.getPeriod().getStart(), from.author(),
                    "entered-in-error".equals(episode.getStatus()));
            // its withdrawal names the episode's own type, so the projector files it with the episode (maternity), not
            // with the Condition or Observation it came from, even when it arrives first
            return event(r, type, FhirIds.sourceId(r, fallbackId) + "#pregnancy-episode", who, mapped,
                    PregnancyEpisodeRecorded.class.getSimpleName());
        }

        private ClinicalEvent event(Resource r, String type, String sourceId, PatientIdentities.Resolved who,
                                    ResourceMapper.Mapped mapped, String entryType) {
            String versionId = r.getMeta().hasVersionId() ? r.getMeta().getVersionId() : null;
            List<Coding> security = new ArrayList<>();
            r.getMeta().getSecurity().forEach(c -> {
                Coding coding = FhirTypes.coding(c);
                if (coding != null) {
                    security.add(coding);
                }
            });
            ClinicalEvent.Builder b = events.envelope(who.identity(), sourceId, type, FhirIds.logicalId(r), mapped.author())
                    .setOccurredAt(mapped.occurredAt())
                    .setVersionedAt(ctx.versionedAt(FhirTypes.instant(r.getMeta().getLastUpdated())))
                    .setSourceVersion(versionId)
                    .setSensitivity(security);
            if (mapped.enteredInError()) {
                b.setChange(ChangeKind.ENTERED_IN_ERROR)
                        .setPayload(EntryEnteredInError.newBuilder().setEntryType(entryType).setReason("status entered-in-error").build());
            } else {
                b.setChange(versionId != null && !"1".equals(versionId) ? ChangeKind.AMENDED : ChangeKind.RECORDED)
                        .setPayload(mapped.payload());
            }
            return b.build();
        }

        /** The sender asserted the NHS number and the local ids belong together (or we assigned a test number). */
        private void link(PatientIdentities.Resolved who) {
            String nhs = who.identity().getNhsNumber();
            if (nhs == null || !linked.add(who)) {
                return;
            }
            String basis = who.assigned() ? IdentityEvents.TEST_DATA_ASSIGNED : IdentityEvents.SOURCE_ASSERTED;
            for (LocalIdentifier id : who.identity().getLocalIdentifiers()) {
                out.addIdentity(IdentityEvents.linked(ctx, nhs, id, basis));
            }
        }
    }
}
