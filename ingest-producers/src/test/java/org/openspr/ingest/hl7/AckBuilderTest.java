package org.openspr.ingest.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.map.IngestRejection;

class AckBuilderTest {
    private final MshHeader msh = MshHeader.read("MSH|^~\\&|PAS|RX1^1.2.3^ISO|SPR|SPR|20260301||ADT^A01|MSG-9|P|2.4\rPID|1");

    @Test
    void shouldAddressTheAckBackToTheSenderAndEchoTheControlId() {
        String ack = AckBuilder.accept(msh);

        assertThat(ack).startsWith("MSH|^~\\&|SPR|SPR|PAS|RX1^1.2.3^ISO|").contains("|ACK^A01^ACK|").contains("|P|2.4\r");
        assertThat(ack).contains("\rMSA|AA|MSG-9\r");
    }

    @Test
    void shouldExplainARejectionInMsaAndErrWithEscapedText() {
        String ack = AckBuilder.reject(msh, new IngestRejection("PID-3(2)", IngestErrorCode.HL7_BAD_VALUE, "PID-3", "a|b^c"));

        assertThat(ack).contains("MSA|AE|MSG-9|SPR-2206: PID-3: a\\F\\b\\S\\c");
        assertThat(ack).contains("\rERR||PID^1^3^2|102^Data type error^HL70357|E||||SPR-2206");
    }
}
