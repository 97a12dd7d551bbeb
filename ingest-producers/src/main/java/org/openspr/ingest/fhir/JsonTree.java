package org.openspr.ingest.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.json.BaseJsonLikeArray;
import ca.uhn.fhir.parser.json.BaseJsonLikeObject;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import ca.uhn.fhir.parser.json.BaseJsonLikeWriter;
import ca.uhn.fhir.parser.json.JsonLikeStructure;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A JSON document as HAPI's JSON parser walks it, built by {@link FhirJsonReader} straight from Jackson's token stream.
 * HAPI's own Jackson adapter wraps a Jackson tree, allocates a wrapper on every lookup and, for each element, looks up
 * its {@code _name} twin (a string made and hashed afresh each time). These nodes answer HAPI's questions exactly as
 * that adapter does (a container's text is empty, a decimal's text is its plain form, JSON null reads as "null"), but
 * from arrays, and an object without {@code _} names answers a {@code _} lookup at once.
 */
final class JsonTree implements JsonLikeStructure {
    private final Obj root;

    JsonTree(Obj root) {
        this.root = root;
    }

    Obj root() {
        return root;
    }

    @Override
    public BaseJsonLikeObject getRootObject() {
        return root;
    }

    @Override
    public JsonLikeStructure getInstance() {
        throw readOnly();
    }

    @Override
    public void load(Reader theReader) {
        throw readOnly();
    }

    @Override
    public void load(Reader theReader, boolean allowArray) {
        throw readOnly();
    }

    @Override
    public BaseJsonLikeWriter getJsonLikeWriter() {
        throw readOnly();
    }

    @Override
    public BaseJsonLikeWriter getJsonLikeWriter(Writer writer) {
        throw readOnly();
    }

    private static DataFormatException readOnly() {
        return new DataFormatException("a JsonTree is built by FhirJsonReader and only read");
    }

    /** A JSON object: its names in order, a later duplicate replacing the value in place (as Jackson's tree does). */
    static final class Obj extends BaseJsonLikeObject {
        /** Above this many names, lookups go through a hash index rather than a scan (hostile input has millions). */
        private static final int SCAN_LIMIT = 12;
        private String[] names = new String[4];
        private int[] hashes = new int[4];
        private BaseJsonLikeValue[] values = new BaseJsonLikeValue[4];
        private int size;
        private boolean underscored;
        private Map<String, Integer> index;
        /** The position of the name the key iterator gave last: HAPI looks up each name right after iterating to it. */
        private int cursor = -1;

        void put(String name, BaseJsonLikeValue value) {
            int at = indexOf(name);
            if (at >= 0) {
                values[at] = value;
                return;
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            hashes[size] = name.hashCode();
            values[size] = value;
            if (index != null) {
                index.put(name, size);
            } else if (size == SCAN_LIMIT) {
                index = new HashMap<>();
                for (int i = 0; i <= size; i++) {
                    index.put(names[i], i);
                }
            }
            size++;
            underscored |= !name.isEmpty() && name.charAt(0) == '_';
        }

        /** A copy without one name (the values themselves are shared). */
        Obj without(String name) {
            Obj copy = new Obj();
            for (int i = 0; i < size; i++) {
                if (!names[i].equals(name)) {
                    copy.put(names[i], values[i]);
                }
            }
            return copy;
        }

        int size() {
            return size;
        }

        @Override
        public BaseJsonLikeValue get(String name) {
            int at = cursor;
            if (at >= 0 && at < size && names[at] == name) {
                return values[at];
            }
            if (!underscored && !name.isEmpty() && name.charAt(0) == '_') {
                return null; // HAPI asks for "_" + every name it reads
            }
            at = indexOf(name);
            return at < 0 ? null : values[at];
        }

        private int indexOf(String name) {
            if (index != null) {
                Integer at = index.get(name);
                return at == null ? -1 : at;
            }
            int hash = name.hashCode(); // kept by the string: Jackson interns names, and HAPI's own are constants
            for (int i = 0; i < size; i++) {
                if (names[i] == name || hashes[i] == hash && names[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public Iterator<String> keyIterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < size;
                }

                @Override
                public String next() {
                    if (next >= size) {
                        throw new NoSuchElementException();
                    }
                    cursor = next;
                    return names[next++];
                }
            };
        }

        @Override
        public Object getValue() {
            return null;
        }

        /** As Jackson's {@code asText()} of an object, which HAPI's adapter returns. */
        @Override
        public String getAsString() {
            return "";
        }

        @Override
        public String toString() {
            StringBuilder json = new StringBuilder("{");
            for (int i = 0; i < size; i++) {
                json.append(i == 0 ? "" : ",");
                Scalar.quote(json, names[i]).append(':').append(values[i]);
            }
            return json.append('}').toString();
        }
    }

    /** A JSON array. */
    static final class Arr extends BaseJsonLikeArray {
        private final List<BaseJsonLikeValue> items = new ArrayList<>();

        void add(BaseJsonLikeValue value) {
            items.add(value);
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public BaseJsonLikeValue get(int index) {
            return index >= 0 && index < items.size() ? items.get(index) : null;
        }

        @Override
        public Object getValue() {
            return null;
        }

        @Override
        public String getAsString() {
            return "";
        }

        @Override
        public String toString() {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                json.append(i == 0 ? "" : ",").append(items.get(i));
            }
            return json.append(']').toString();
        }
    }

    /** A string, number, boolean or null. */
    static final class Scalar extends BaseJsonLikeValue {
        static final Scalar NULL = new Scalar(null, "null", "null");
        static final Scalar TRUE = new Scalar(ScalarType.BOOLEAN, "true", Boolean.TRUE);
        static final Scalar FALSE = new Scalar(ScalarType.BOOLEAN, "false", Boolean.FALSE);

        /** Null for JSON null. */
        private final ScalarType type;
        private final String text;
        private final Object value;

        private Scalar(ScalarType type, String text, Object value) {
            this.type = type;
            this.text = text;
            this.value = value;
        }

        static Scalar string(String text) {
            return new Scalar(ScalarType.STRING, text, text);
        }

        /** An integer (Integer, Long or BigInteger) or a decimal (BigDecimal, kept exactly as written). */
        static Scalar number(Number number) {
            return new Scalar(ScalarType.NUMBER, number instanceof BigDecimal d ? d.toPlainString() : number.toString(), number);
        }

        @Override
        public ValueType getJsonType() {
            return type == null ? ValueType.NULL : ValueType.SCALAR;
        }

        @Override
        public ScalarType getDataType() {
            return type;
        }

        @Override
        public Object getValue() {
            return value;
        }

        @Override
        public String getAsString() {
            return text;
        }

        @Override
        public Number getAsNumber() {
            return type == ScalarType.NUMBER ? (Number) value : null;
        }

        @Override
        public boolean getAsBoolean() {
            return type == ScalarType.BOOLEAN ? (Boolean) value : super.getAsBoolean();
        }

        @Override
        public String toString() {
            return type == ScalarType.STRING ? quote(new StringBuilder(), text).toString() : text;
        }

        static StringBuilder quote(StringBuilder json, String text) {
            json.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    json.append('\\').append(c);
                } else if (c < 0x20) {
                    json.append(String.format("\\u%04x", (int) c));
                } else {
                    json.append(c);
                }
            }
            return json.append('"');
        }
    }
}
