package org.openspr.query.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes Avro specific records as plain JSON (field names as in the schema, unions unwrapped, nulls left out, times as
 * ISO-8601), walking the schema rather than bean getters, which would also expose Avro's own plumbing.
 */
public final class AvroJsonModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    public AvroJsonModule() {
        super("spr-avro-json");
        addSerializer(SpecificRecord.class, new RecordSerializer());
    }

    private static final class RecordSerializer extends JsonSerializer<SpecificRecord> {
        @Override
        public void serialize(SpecificRecord record, JsonGenerator json, SerializerProvider provider) throws IOException {
            writeRecord(record, json);
        }
    }

    static void writeRecord(SpecificRecord record, JsonGenerator json) throws IOException {
        json.writeStartObject();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value == null || value instanceof Collection<?> c && c.isEmpty()) {
                continue;
            }
            json.writeFieldName(field.name());
            writeValue(value, json);
        }
        json.writeEndObject();
    }

    private static void writeValue(Object value, JsonGenerator json) throws IOException {
        if (value instanceof SpecificRecord record) {
            writeRecord(record, json);
        } else if (value instanceof CharSequence || value instanceof Enum<?>) {
            json.writeString(value.toString());
        } else if (value instanceof Instant || value instanceof LocalDate) {
            json.writeString(value.toString());
        } else if (value instanceof Integer i) {
            json.writeNumber(i);
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Number n) {
            json.writeNumber(n.toString());
        } else if (value instanceof Collection<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                writeValue(item, json);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(entry.getKey().toString());
                writeValue(entry.getValue(), json);
            }
            json.writeEndObject();
        } else if (value instanceof ByteBuffer bytes) {
            json.writeBinary(bytes.duplicate().array());
        } else {
            json.writeString(value.toString());
        }
    }
}
