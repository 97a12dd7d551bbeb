package org.openspr.audit.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.junit.jupiter.api.Test;
import org.openspr.audit.support.AuditEvents;
import org.openspr.events.avro.AccessBasis;
import org.openspr.events.avro.AccessOutcome;
import org.openspr.events.avro.AuditAction;
import org.openspr.events.avro.RecordAccessed;

class BalpAuditEventRendererTest {
    private final BalpAuditEventRenderer renderer = new BalpAuditEventRenderer();

    @Test
    void shouldRenderAReadAsABalpPatientReadThatHapiParses() {
        RecordAccessed event = AuditEvents.read("555123456789", AuditEvents.nhsNumber(1), AuditEvents.T0).build();

        AuditEvent parsed = parse(renderer.toNdjsonLine(event));

        assertThat(parsed.getMeta().getProfile().get(0).getValue()).endsWith("IHE.BasicAudit.PatientRead");
        assertThat(parsed.getType().getCode()).isEqualTo("rest");
        assertThat(parsed.getSubtypeFirstRep().getCode()).isEqualTo("read");
        assertThat(parsed.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(parsed.getRecorded().toInstant()).isEqualTo(AuditEvents.T0);
        assertThat(parsed.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(parsed.getSource().getObserver().getDisplay()).isEqualTo("query-service-1");
        AuditEventAgentComponent user = agent(parsed, "IRCP");
        assertThat(user.getRequestor()).isTrue();
        assertThat(user.getWho().getIdentifier().getValue()).isEqualTo("555123456789");
        assertThat(user.getPurposeOfUseFirstRep().getCodingFirstRep().getCode()).isEqualTo("TREAT");
        AuditEventAgentComponent client = agent(parsed, "110153");
        assertThat(client.getRequestor()).isFalse();
        assertThat(client.getNetwork().getAddress()).isEqualTo("10.0.0.7");
        assertThat(entity(parsed, "1").getWhat().getIdentifier().getValue()).isEqualTo(AuditEvents.nhsNumber(1));
        assertThat(new String(entity(parsed, "24").getQuery(), StandardCharsets.UTF_8))
                .isEqualTo("GET /v1/patients/{nhsNumber}/record?sections=allergies,medications");
    }

    @Test
    void shouldRenderADeniedBreakGlassSearchAsAPatientQueryWithFailureOutcome() {
        RecordAccessed event = AuditEvents.read("555123456789", AuditEvents.nhsNumber(2), AuditEvents.T0)
                .setAction(AuditAction.SEARCH).setBasis(AccessBasis.BREAK_GLASS).setBreakGlassReason("unconscious in ED")
                .setOutcome(AccessOutcome.DENIED).setOutcomeReason("SPR-4301: no legitimate relationship").build();

        AuditEvent parsed = parse(renderer.toNdjsonLine(event));

        assertThat(parsed.getMeta().getProfile().get(0).getValue()).endsWith("IHE.BasicAudit.PatientQuery");
        assertThat(parsed.getSubtypeFirstRep().getCode()).isEqualTo("search");
        assertThat(parsed.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
        assertThat(parsed.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
        assertThat(parsed.getOutcomeDesc()).startsWith("SPR-4301");
        assertThat(parsed.getPurposeOfEventFirstRep().getText()).contains("unconscious in ED");
    }

    @Test
    void shouldHaveTheSameAgentAndEntityRolesAsTheBalpExamples() throws IOException {
        AuditEvent balpRead = parse(fixture("AuditEvent-ex-auditBasicReadServer.json"));
        AuditEvent balpQuery = parse(fixture("AuditEvent-ex-auditBasicQueryGetClient.json"));
        AuditEvent ours = renderer.render(AuditEvents.read("U1", AuditEvents.nhsNumber(3), AuditEvents.T0).build());

        assertThat(agentTypes(ours)).containsAll(agentTypes(balpRead)).containsAll(agentTypes(balpQuery));
        assertThat(ours.getType().getSystem()).isEqualTo(balpRead.getType().getSystem());
        assertThat(ours.getSubtypeFirstRep().getSystem()).isEqualTo(balpRead.getSubtypeFirstRep().getSystem());
        assertThat(entityRoles(ours)).contains("1", "24").containsAll(entityRoles(balpQuery));
        assertThat(entityTypes(ours)).containsAll(entityTypes(balpQuery));
        assertThat(requestors(ours)).containsExactlyElementsOf(requestors(balpRead));
    }

    private static AuditEvent parse(String json) {
        return BalpAuditEventRenderer.parser().parseResource(AuditEvent.class, json);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = BalpAuditEventRendererTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static AuditEventAgentComponent agent(AuditEvent event, String typeCode) {
        return event.getAgent().stream().filter(a -> a.getType().getCodingFirstRep().getCode().equals(typeCode)).findFirst().orElseThrow();
    }

    private static AuditEventEntityComponent entity(AuditEvent event, String roleCode) {
        return event.getEntity().stream().filter(e -> roleCode.equals(e.getRole().getCode())).findFirst().orElseThrow();
    }

    private static Set<String> agentTypes(AuditEvent event) {
        return event.getAgent().stream().map(a -> a.getType().getCodingFirstRep().getCode()).collect(Collectors.toSet());
    }

    private static Set<String> entityRoles(AuditEvent event) {
        return event.getEntity().stream().map(e -> e.getRole().getCode()).filter(c -> c != null).collect(Collectors.toSet());
    }

    private static Set<String> entityTypes(AuditEvent event) {
        return event.getEntity().stream().map(e -> e.getType().getCode()).collect(Collectors.toSet());
    }

    private static List<Boolean> requestors(AuditEvent event) {
        return event.getAgent().stream().map(AuditEventAgentComponent::getRequestor).sorted().toList();
    }
}
