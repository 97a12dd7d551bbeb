package org.openspr.events.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openspr.events.avro.AuditAlertRaised;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.IdentityEvent;
import org.openspr.events.avro.LedgerCheckpoint;
import org.openspr.events.avro.LedgerEntry;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.testdata.SampleEvents;

/**
 * The serializer's planned writer must write exactly Avro's bytes. Records of every top-level event schema are filled
 * at random from their schemas (every optional field null or set, every union branch, arrays and maps of 0 to 3 items,
 * enums, bytes, timestamps and dates) and written by both.
 */
class CompiledWriterTest {
    private static final List<Schema> EVENTS = List.of(ClinicalEvent.getClassSchema(), IdentityEvent.getClassSchema(),
            RecordItem.getClassSchema(), RecordAccessed.getClassSchema(), LedgerEntry.getClassSchema(), LedgerCheckpoint.getClassSchema(),
            AuditAlertRaised.getClassSchema());

    @BeforeAll
    static void trustGeneratedClasses() {
        AvroClassTrust.install(); // models look up the generated classes by name
    }

    @Test
    void shouldWriteAvrosBytesForRecordsFilledAtRandom() throws IOException {
        Random random = new Random(20261123);
        int records = 0;
        for (Schema schema : EVENTS) {
            CompiledWriter planned = SpecificAvroSerializer.newWriter(schema);
            SpecificDatumWriter<Object> avro = new SpecificDatumWriter<>(schema);
            for (int i = 0; i < 300; i++) {
                Object record = new RandomRecords(random, SpecificData.getForSchema(schema)).value(schema, 0);
                assertThat(bytes(planned, record)).as(schema.getName() + " #" + i + ": " + record).isEqualTo(bytes(avro, record));
                records++;
            }
        }
        assertThat(records).isEqualTo(EVENTS.size() * 300);
    }

    @Test
    void shouldWriteAvrosBytesForEveryKindOfSchemaTheEventsDoNotUseYet() throws IOException {
        Schema everything = new Schema.Parser().parse("""
                {"type": "record", "name": "Everything", "namespace": "test", "fields": [
                  {"name": "d", "type": "double"}, {"name": "f", "type": "float"},
                  {"name": "fx", "type": {"type": "fixed", "name": "Four", "size": 4}},
                  {"name": "m", "type": {"type": "map", "values": ["null", "string"]}},
                  {"name": "inner", "type": {"type": "record", "name": "Inner", "fields": [
                    {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                    {"name": "next", "type": ["null", "Inner"]}]}},
                  {"name": "several", "type": ["null", "string", "long", "Inner", {"type": "array", "items": "int"}]},
                  {"name": "grid", "type": {"type": "array", "items": {"type": "array", "items": "boolean"}}},
                  {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B", "C"]}}]}""");
        SpecificData model = new SpecificData();
        model.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.TimestampMillisConversion());
        CompiledWriter planned = CompiledWriter.of(everything, model);
        SpecificDatumWriter<Object> avro = new SpecificDatumWriter<>(everything, model);
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            Object record = new RandomRecords(random, model).value(everything, 0);
            assertThat(bytes(planned, record)).as("#" + i + ": " + record).isEqualTo(bytes(avro, record));
        }
    }

    @Test
    void shouldWriteAvrosBytesForASampleResult() throws IOException {
        ClinicalEvent result = SampleEvents.potassiumResult(7);

        assertThat(bytes(SpecificAvroSerializer.newWriter(result.getSchema()), result))
                .isEqualTo(bytes(new SpecificDatumWriter<>(result.getSchema()), result));
    }

    @Test
    void shouldNameTheFieldThatHoldsANullItMayNotHold() {
        ClinicalEvent result = SampleEvents.potassiumResult(7);
        result.put("eventId", null); // past the builder's check, as a record changed after it was built

        assertThatThrownBy(() -> bytes(SpecificAvroSerializer.newWriter(result.getSchema()), result))
                .isInstanceOf(AvroRuntimeException.class).hasMessageContaining("eventId").hasMessageContaining("ClinicalEvent");
    }

    private static byte[] bytes(CompiledWriter writer, Object record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] bytes(SpecificDatumWriter<Object> writer, Object record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Values of a schema, made at random, as the generated classes hold them. */
    private record RandomRecords(Random random, SpecificData model) {
        Object value(Schema schema, int depth) {
            if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                return Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(1_000_000_000));
            }
            if (schema.getLogicalType() instanceof LogicalTypes.Date) {
                return LocalDate.ofEpochDay(random.nextInt(40_000) - 10_000);
            }
            return switch (schema.getType()) {
                case RECORD -> {
                    IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
                    for (Schema.Field field : schema.getFields()) {
                        record.put(field.pos(), value(field.schema(), depth + 1));
                    }
                    yield record;
                }
                case UNION -> value(schema.getTypes().get(random.nextInt(schema.getTypes().size())), depth);
                case STRING -> text();
                case ENUM -> model.createEnum(schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())), schema);
                case ARRAY -> {
                    List<Object> items = new ArrayList<>();
                    for (int i = random.nextInt(depth > 4 ? 1 : 4); i > 0; i--) {
                        items.add(value(schema.getElementType(), depth + 1));
                    }
                    yield items;
                }
                case MAP -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        map.put(text(), value(schema.getValueType(), depth + 1));
                    }
                    yield map;
                }
                case INT -> random.nextInt();
                case LONG -> random.nextLong();
                case FLOAT -> random.nextFloat();
                case DOUBLE -> random.nextDouble() * 1e6;
                case BOOLEAN -> random.nextBoolean();
                case BYTES -> {
                    byte[] b = new byte[random.nextInt(40)];
                    random.nextBytes(b);
                    yield ByteBuffer.wrap(b);
                }
                case FIXED -> model.createFixed(null, new byte[schema.getFixedSize()], schema);
                case NULL -> null;
            };
        }

        // ASCII, accented Latin and a character outside the BMP: the UTF-8 encoding differs in length from the text
        private String text() {
            String[] parts = {"K", "potassium", "Zoë", "Ångström", "😀", "", "9990000018", "mmol/L"};
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(4); i >= 0; i--) {
                s.append(parts[random.nextInt(parts.length)]);
            }
            return s.toString();
        }
    }
}
