package org.openspr.events.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;

/**
 * Writes specific records in Avro binary along a plan made once per schema: each field's writer is chosen when the plan
 * is made, so writing a record does no per-field lookups. Avro's own {@code SpecificDatumWriter} decides everything per
 * value while it writes: the schema's type, the logical type's conversion (a lookup by the value's class) and the union
 * branch (a lookup by the name of the value's schema). The bytes are the same
 * (tests compare them with Avro's writer over every kind of value the event schemas hold).
 * <p>
 * An optional field (a union of null and one type) takes the null branch when its value is null and the other branch
 * otherwise, which for any value a record's typed setters accept is the branch Avro would find. Safe for concurrent use
 * once made.
 */
final class CompiledWriter {
    /** Writes one value of the schema the writer was made for. */
    private interface Part {
        void write(Object datum, Encoder out) throws IOException;
    }

    private final Part root;

    private CompiledWriter(Part root) {
        this.root = root;
    }

    /** A writer for records of this schema; {@code model} supplies the logical types' conversions. */
    static CompiledWriter of(Schema schema, SpecificData model) {
        return new CompiledWriter(new Planner(model).part(schema));
    }

    void write(Object record, Encoder out) throws IOException {
        root.write(record, out);
    }

    /** Makes the parts of one schema; a named record met twice (or inside itself) gets one part. */
    private static final class Planner {
        private final SpecificData model;
        private final Map<String, RecordPart> records = new HashMap<>();

        Planner(SpecificData model) {
            this.model = model;
        }

        Part part(Schema schema) {
            LogicalType logical = schema.getLogicalType();
            Part raw = rawPart(schema);
            return logical == null ? raw : new LogicalPart(schema, logical, raw, model);
        }

        private Part rawPart(Schema schema) {
            return switch (schema.getType()) {
                case RECORD -> record(schema);
                case UNION -> union(schema);
                case STRING -> CompiledWriter::writeString;
                case ENUM -> (datum, out) -> out.writeEnum(datum instanceof Enum<?> e ? e.ordinal() : enumOrdinal(schema, datum));
                case ARRAY -> new ArrayPart(part(schema.getElementType()));
                case MAP -> new MapPart(part(schema.getValueType()));
                case INT -> (datum, out) -> out.writeInt(((Number) datum).intValue());
                case LONG -> (datum, out) -> out.writeLong(((Number) datum).longValue());
                case FLOAT -> (datum, out) -> out.writeFloat(((Number) datum).floatValue());
                case DOUBLE -> (datum, out) -> out.writeDouble(((Number) datum).doubleValue());
                case BOOLEAN -> (datum, out) -> out.writeBoolean((Boolean) datum);
                case BYTES -> (datum, out) -> out.writeBytes((ByteBuffer) datum);
                case FIXED -> (datum, out) -> out.writeFixed(((GenericFixed) datum).bytes(), 0, schema.getFixedSize());
                case NULL -> (datum, out) -> {
                    if (datum != null) {
                        throw new AvroTypeException("Not null: " + datum);
                    }
                    out.writeNull();
                };
            };
        }

        private RecordPart record(Schema schema) {
            RecordPart known = records.get(schema.getFullName());
            if (known != null) {
                return known;
            }
            RecordPart part = new RecordPart(schema);
            records.put(schema.getFullName(), part); // before its fields, which may name it again
            List<Schema.Field> fields = schema.getFields();
            Part[] writers = new Part[fields.size()];
            for (int i = 0; i < writers.length; i++) {
                writers[i] = part(fields.get(i).schema());
            }
            part.fields = writers;
            return part;
        }

        private Part union(Schema schema) {
            List<Schema> branches = schema.getTypes();
            Part[] parts = new Part[branches.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = part(branches.get(i));
            }
            int nullAt = branches.size() != 2 ? -1
                    : branches.get(0).getType() == Schema.Type.NULL ? 0 : branches.get(1).getType() == Schema.Type.NULL ? 1 : -1;
            if (nullAt >= 0) {
                int valueAt = 1 - nullAt;
                Part value = parts[valueAt];
                return (datum, out) -> {
                    if (datum == null) {
                        out.writeIndex(nullAt);
                        out.writeNull();
                    } else {
                        out.writeIndex(valueAt);
                        value.write(datum, out);
                    }
                };
            }
            return (datum, out) -> {
                int branch = model.resolveUnion(schema, datum);
                out.writeIndex(branch);
                parts[branch].write(datum, out);
            };
        }

        private static int enumOrdinal(Schema schema, Object datum) {
            if (!schema.hasEnumSymbol(datum.toString())) {
                throw new AvroTypeException("Not an enum symbol of " + schema.getFullName() + ": " + datum);
            }
            return schema.getEnumOrdinal(datum.toString());
        }
    }

    /** A record: field by field in schema order. */
    private static final class RecordPart implements Part {
        private final Schema schema;
        private Part[] fields; // set once the planner has made them, before the writer is handed out

        RecordPart(Schema schema) {
            this.schema = schema;
        }

        @Override
        public void write(Object datum, Encoder out) throws IOException {
            if (!(datum instanceof IndexedRecord record)) {
                throw new AvroTypeException("Not a record of " + schema.getFullName() + ": " + datum);
            }
            Part[] parts = fields;
            for (int i = 0; i < parts.length; i++) {
                Object value = record.get(i);
                try {
                    parts[i].write(value, out);
                } catch (NullPointerException | ClassCastException e) {
                    Schema.Field field = schema.getFields().get(i);
                    throw new AvroRuntimeException((value == null ? "null value for (non-nullable) " : "wrong type of value for ")
                            + field.schema() + " in field " + field.name() + " of " + schema.getFullName(), e);
                }
            }
        }
    }

    /** A logical type (timestamp, date): the value is converted to its raw type by the conversion for its class. */
    private static final class LogicalPart implements Part {
        private final Schema schema;
        private final LogicalType logical;
        private final Part raw;
        private final SpecificData model;
        private volatile Converter last; // the conversion for the class seen last: fields see one class

        LogicalPart(Schema schema, LogicalType logical, Part raw, SpecificData model) {
            this.schema = schema;
            this.logical = logical;
            this.raw = raw;
            this.model = model;
        }

        @Override
        public void write(Object datum, Encoder out) throws IOException {
            if (datum == null) {
                raw.write(null, out); // as Avro: no conversion for null, and the raw type decides
                return;
            }
            Converter c = last;
            if (c == null || c.type() != datum.getClass()) {
                c = new Converter(datum.getClass(), model.getConversionByClass(datum.getClass(), logical));
                last = c;
            }
            raw.write(c.conversion() == null ? datum : Conversions.convertToRawType(datum, schema, logical, c.conversion()), out);
        }

        private record Converter(Class<?> type, Conversion<?> conversion) {
        }
    }

    /** The classes Avro's specific model writes as their string form where the schema says string. */
    private static final Set<Class<?>> STRINGABLE = Set.of(java.math.BigDecimal.class, java.math.BigInteger.class, java.net.URI.class,
            java.net.URL.class, java.io.File.class);

    private static void writeString(Object datum, Encoder out) throws IOException {
        if (datum instanceof CharSequence text) {
            out.writeString(text);
        } else if (datum != null && STRINGABLE.contains(datum.getClass())) {
            out.writeString(datum.toString());
        } else {
            out.writeString((CharSequence) datum); // null, or not a string: the error Avro gives
        }
    }

    private static final class ArrayPart implements Part {
        private final Part element;

        ArrayPart(Part element) {
            this.element = element;
        }

        @Override
        public void write(Object datum, Encoder out) throws IOException {
            Collection<?> items = (Collection<?>) datum;
            int size = items.size();
            out.writeArrayStart();
            out.setItemCount(size);
            int written = 0;
            for (Object item : items) {
                out.startItem();
                element.write(item, out);
                written++;
            }
            out.writeArrayEnd();
            if (written != size) {
                throw new java.util.ConcurrentModificationException("array size " + size + " but " + written + " items written");
            }
        }
    }

    private static final class MapPart implements Part {
        private final Part value;

        MapPart(Part value) {
            this.value = value;
        }

        @Override
        public void write(Object datum, Encoder out) throws IOException {
            Map<?, ?> map = (Map<?, ?>) datum;
            int size = map.size();
            out.writeMapStart();
            out.setItemCount(size);
            int written = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.startItem();
                out.writeString(entry.getKey().toString());
                value.write(entry.getValue(), out);
                written++;
            }
            out.writeMapEnd();
            if (written != size) {
                throw new java.util.ConcurrentModificationException("map size " + size + " but " + written + " entries written");
            }
        }
    }
}
