package org.openspr.events.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.IdentityEvent;
import org.openspr.events.avro.LocalIdentifier;
import org.openspr.events.avro.NhsNumberLinked;
import org.openspr.events.avro.SourceRef;
import org.openspr.events.testdata.SampleEvents;

/**
 * The serializer's writer lets generated classes encode themselves and resolves optional fields by null-ness; the bytes
 * must be Avro's own.
 */
class SelfEncodingWriterTest {
    @Test
    void shouldWriteTheSameBytesAsAvrosSchemaDrivenWriter() throws IOException {
        AvroClassTrust.install(); // builders decode their records' default values
        ClinicalEvent result = SampleEvents.potassiumResult(7);
        IdentityEvent link = IdentityEvent.newBuilder().setEventId("e1")
                .setSource(SourceRef.newBuilder().setOdsCode("RX1").setSystem("PAS").setMessageType("ADT^A28").setMessageId("m1").build())
                .setRecordedAt(java.time.Instant.parse("2026-03-01T09:30:00Z"))
                .setChange(NhsNumberLinked.newBuilder().setNhsNumber("9990000018")
                        .setLocalIdentifier(new LocalIdentifier("https://fhir.rx1.nhs.uk/Id/mrn", "MRN7", "MR")).setBasis("SOURCE_ASSERTED").build())
                .build();

        // optional fields both ways round: the writer resolves a union with null by whether the value is null
        ClinicalEvent flipped = ClinicalEvent.newBuilder(result)
                .setOccurredAt(result.getOccurredAt() == null ? java.time.Instant.parse("2026-03-01T09:00:00Z") : null)
                .setSourceVersion(result.getSourceVersion() == null ? "v2" : null).build();

        for (SpecificRecord record : List.<SpecificRecord>of(result, flipped, link)) {
            SpecificDatumWriter<SpecificRecord> selfEncoding = SpecificAvroSerializer.newWriter(record.getSchema());
            assertThat(selfEncoding.getSpecificData().useCustomCoders()).isTrue();
            assertThat(bytes(selfEncoding, record)).as(record.getSchema().getName())
                    .isEqualTo(bytes(new SpecificDatumWriter<>(record.getSchema()), record));
        }
        assertThat(SpecificData.getForSchema(result.getSchema()).useCustomCoders()).as("readers keep their own model").isFalse();
    }

    private static byte[] bytes(DatumWriter<SpecificRecord> writer, SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
