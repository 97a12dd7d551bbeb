package org.openspr.ingest.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openspr.ingest.map.ItemOutcome;
import org.openspr.ingest.map.MappedMessage;
import org.openspr.ingest.map.SourceDefaults;

/** Absurdly nested JSON or XML is refused with SPR-2102 before HAPI parses it; ordinary markup passes the guard. */
class FhirDepthGuardTest {
    private final FhirIngestor ingestor = new FhirIngestor(new SourceDefaults("test", "X1"), true);

    @Test
    void shouldRefuseDeeplyNestedXmlWithAClearError() {
        String deep = "<Patient xmlns=\"http://hl7.org/fhir\">" + "<extension url=\"x\">".repeat(50_000)
                + "</extension>".repeat(50_000) + "</Patient>";

        MappedMessage m = ingest(deep, true);

        assertThat(m.rejected()).isTrue();
        assertThat(m.rejection().getMessage()).startsWith("SPR-2102").contains("XML");
    }

    @Test
    void shouldRefuseDeeplyNestedJson() {
        MappedMessage m = ingest("{\"resourceType\":\"Patient\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}", false);

        assertThat(m.rejection().getMessage()).startsWith("SPR-2102").contains("JSON");
    }

    @Test
    void shouldNotCountCommentsCdataAttributesOrSelfClosingElementsAsNesting() {
        String noise = "<!-- <a><b><c> -->".repeat(200);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + noise
                + "<Patient xmlns=\"http://hl7.org/fhir\"><id value=\"p1\"/>"
                + "<text><status value=\"generated\"/><div xmlns=\"http://www.w3.org/1999/xhtml\"><p title=\"a &lt; b > c\">x</p></div></text>"
                + "<identifier><system value=\"https://fhir.nhs.uk/Id/nhs-number\"/><value value=\"9434765919\"/></identifier>"
                + "<name><family value=\"Smith\"/></name><gender value=\"female\"/><birthDate value=\"1980-01-01\"/></Patient>";
        String nested = "<a>".repeat(95) + "<b/>".repeat(1000) + "</a>".repeat(95);

        MappedMessage m = ingest(xml, true);

        assertThat(m.rejected()).as(String.valueOf(m.rejection())).isFalse();
        assertThat(m.outcomes()).extracting(ItemOutcome::status).containsExactly(ItemOutcome.Status.RECORDED);
        XmlDepth.check(nested.getBytes(StandardCharsets.UTF_8), 100); // 95 open elements and a thousand self-closing ones
    }

    private MappedMessage ingest(String body, boolean xml) {
        return ingestor.ingest(body.getBytes(StandardCharsets.UTF_8), xml, FhirIngestor.Expect.ANY, null, Instant.parse("2026-03-02T09:00:00Z"));
    }
}
