package org.openspr.audit.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.openspr.events.avro.AuditAction;
import org.openspr.events.avro.RecordAccessed;

/**
 * Renders an audit event as a FHIR R4 AuditEvent in the shape of IHE BALP's PatientRead / PatientQuery profiles:
 * type rest, subtype read/search/operation, agents client (source), server (destination) and user (requestor),
 * source observer, entities patient, query and X-Request-Id.
 */
public final class BalpAuditEventRenderer {
    static final String BALP = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.";
    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
    static final String SDS_USER = "https://fhir.nhs.uk/Id/sds-user-id";
    static final String ODS = "https://fhir.nhs.uk/Id/ods-organization-code";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    public AuditEvent render(RecordAccessed event) {
        AuditEvent audit = new AuditEvent();
        audit.setId(event.getAuditId());
        boolean read = event.getAction() == AuditAction.READ;
        audit.getMeta().addProfile(BALP + (read ? "PatientRead" : "PatientQuery"));
        audit.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "Restful Operation"));
        String interaction = subtype(event.getAction());
        audit.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", interaction, interaction));
        audit.setAction(read ? AuditEventAction.R : AuditEventAction.E);
        audit.setRecorded(Date.from(event.getOccurredAt()));
        audit.setOutcome(outcome(event));
        if (event.getOutcomeReason() != null) {
            audit.setOutcomeDesc(event.getOutcomeReason());
        }
        CodeableConcept purpose = purpose(event);
        audit.addPurposeOfEvent(purpose);
        audit.addAgent(client(event));
        audit.addAgent(server(event));
        audit.addAgent(user(event, purpose));
        audit.getSource().setObserver(new Reference().setDisplay(event.getObserver()))
                .addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server"));
        audit.addEntity(query(event));
        if (event.getPatientNhsNumber() != null) {
            audit.addEntity(patient(event));
        }
        audit.addEntity(new AuditEventEntityComponent()
                .setType(new Coding("https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType", "XrequestId", null))
                .setWhat(new Reference().setIdentifier(new Identifier().setValue(event.getRequestId()))));
        return audit;
    }

    /** One line of NDJSON: what {@code spr replay audit --format fhir} prints per access. */
    public String toNdjsonLine(RecordAccessed event) {
        return parser().encodeResourceToString(render(event));
    }

    public static IParser parser() {
        return FHIR.newJsonParser().setPrettyPrint(false);
    }

    private static String subtype(AuditAction action) {
        return switch (action) {
            case READ -> "read";
            case EVERYTHING, EXPORT -> "operation";
            case SEARCH, ACCESS_LOG, AUDIT_QUERY -> "search";
        };
    }

    private static AuditEventOutcome outcome(RecordAccessed event) {
        return switch (event.getOutcome()) {
            case PERMITTED -> AuditEventOutcome._0;
            case DENIED, NOT_FOUND -> AuditEventOutcome._4;
            case ERROR -> AuditEventOutcome._8;
        };
    }

    private static CodeableConcept purpose(RecordAccessed event) {
        var use = event.getPurposeOfUse();
        CodeableConcept purpose = new CodeableConcept(new Coding(use.getSystem(), use.getCode(), use.getDisplay()));
        if (event.getBreakGlassReason() != null) {
            purpose.setText("break-glass: " + event.getBreakGlassReason());
        }
        return purpose;
    }

    private static AuditEventAgentComponent client(RecordAccessed event) {
        AuditEventAgentComponent client = new AuditEventAgentComponent()
                .setType(new CodeableConcept(new Coding(DCM, "110153", "Source Role ID")))
                .setRequestor(false)
                .setWho(new Reference().setDisplay(event.getActor().getClientId()));
        if (event.getActor().getClientAddress() != null) {
            client.getNetwork().setAddress(event.getActor().getClientAddress()).setType(AuditEventAgentNetworkType._2);
        }
        return client;
    }

    private static AuditEventAgentComponent server(RecordAccessed event) {
        return new AuditEventAgentComponent()
                .setType(new CodeableConcept(new Coding(DCM, "110152", "Destination Role ID")))
                .setRequestor(false)
                .setWho(new Reference().setDisplay(event.getObserver()));
    }

    private static AuditEventAgentComponent user(RecordAccessed event, CodeableConcept purpose) {
        var actor = event.getActor();
        String system = actor.getPatientSelf() ? NHS_NUMBER : SDS_USER;
        AuditEventAgentComponent user = new AuditEventAgentComponent()
                .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP",
                        "information recipient")))
                .setRequestor(true)
                .setWho(new Reference().setIdentifier(new Identifier().setSystem(system).setValue(actor.getUserId()))
                        .setDisplay(actor.getDisplayName()));
        if (actor.getRoleCode() != null) {
            user.addRole(new CodeableConcept(new Coding("https://fhir.nhs.uk/CodeSystem/NationalRBACJobRole", actor.getRoleCode(),
                    actor.getRoleName())));
        }
        if (actor.getOdsCode() != null) {
            user.addPolicy(ODS + "|" + actor.getOdsCode());
        }
        user.addPurposeOfUse(purpose);
        return user;
    }

    private static AuditEventEntityComponent query(RecordAccessed event) {
        String request = event.getOperation() + (event.getQuery() == null ? "" : "?" + event.getQuery());
        return new AuditEventEntityComponent()
                .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"))
                .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "24", "Query"))
                .setDescription(request)
                .setQuery(request.getBytes(StandardCharsets.UTF_8));
    }

    private static AuditEventEntityComponent patient(RecordAccessed event) {
        return new AuditEventEntityComponent()
                .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"))
                .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"))
                .setWhat(new Reference().setIdentifier(new Identifier().setSystem(NHS_NUMBER).setValue(event.getPatientNhsNumber())));
    }
}
