package org.openspr.ingest.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.map.IngestRejection;

/**
 * Reads FHIR JSON for HAPI: Jackson streams the bytes once into a {@link JsonTree} (refusing nesting deeper than the
 * limit before anything recursive walks it), then HAPI parses that tree into its R4 model. What no mapping reads is
 * left out of the tree, so neither Jackson nor HAPI builds it:
 * <ul>
 * <li>Bundle entries whose resource type nothing reads (billing, insurance, audit trails: about half of the bytes of a
 * Synthea bundle) become their type and id only. They are still reported as not recorded, and references to them still
 * resolve by type and id. Their JSON is still read through, so it must still be well-formed.
 * <li>The narrative ({@code text}, generated XHTML) of each resource: HAPI would parse every one as XHTML.
 * </ul>
 * The message itself, whole, is what the raw topic keeps.
 */
final class FhirJsonReader {
    private static final String RESOURCE_TYPE = "resourceType";

    private final JsonFactory json;
    private final int maxDepth;

    /** Jackson settings as HAPI's own JSON reading has them: single quotes and leading plus signs allowed. */
    FhirJsonReader(int maxDepth) {
        this.maxDepth = maxDepth;
        this.json = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS).enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).maxStringLength(Integer.MAX_VALUE).build())
                .build();
    }

    /** The parsed resource; an {@link IngestRejection} for text that is not JSON, nests too deep or is not a resource. */
    IBaseResource read(byte[] utf8, FhirContext context, IParserErrorHandler errors) {
        return new TreeJsonParser(context, errors).parse(new JsonTree(tree(utf8)));
    }

    /** @param utf8 valid UTF-8 (a byte order mark is skipped) */
    JsonTree.Obj tree(byte[] utf8) {
        try (JsonParser p = json.createParser(utf8)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                p.skipChildren(); // an array is read through first: absurd nesting is the answer it deserves
                throw new IngestRejection(null, IngestErrorCode.FHIR_UNPARSEABLE, "JSON", "a FHIR resource is a JSON object, this "
                        + (first == null ? "is empty" : "starts with " + first.asString()));
            }
            p.nextToken();
            JsonTree.Obj root = new JsonTree.Obj();
            fields(p, root);
            if (p.nextToken() != null) {
                throw new IngestRejection(null, IngestErrorCode.FHIR_UNPARSEABLE, "JSON",
                        "content after the end of the resource" + where(p.currentLocation()));
            }
            return root;
        } catch (StreamConstraintsException e) {
            if (e.getMessage() != null && e.getMessage().contains("nesting depth")) {
                throw new IngestRejection(null, IngestErrorCode.FHIR_TOO_DEEP, "JSON", maxDepth);
            }
            throw new IngestRejection(null, IngestErrorCode.FHIR_UNPARSEABLE, "JSON", e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new IngestRejection(null, IngestErrorCode.FHIR_UNPARSEABLE, "JSON", e.getOriginalMessage() + where(e.getLocation()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array does no I/O
        }
    }

    /**
     * Reads a resource's fields, from the parser's current token (a field name, or the end of the object), into node:
     * without its narrative, and with a Bundle's entries read by {@link #entries}.
     */
    private void fields(JsonParser p, JsonTree.Obj node) throws IOException {
        for (JsonToken t = p.currentToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken start = p.nextToken();
            if (start == JsonToken.START_OBJECT && "text".equals(name)) {
                p.skipChildren(); // a DomainResource's narrative; no other resource has an element of that name
            } else if (start == JsonToken.START_ARRAY && "entry".equals(name) && isBundle(node)) {
                node.put(name, entries(p));
            } else {
                node.put(name, value(p));
            }
        }
    }

    /** The value that starts at the parser's current token, whole (nesting is bounded by the parser's constraints). */
    private static BaseJsonLikeValue value(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT -> {
                JsonTree.Obj object = new JsonTree.Obj();
                for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String name = p.currentName();
                    p.nextToken();
                    object.put(name, value(p));
                }
                return object;
            }
            case START_ARRAY -> {
                JsonTree.Arr array = new JsonTree.Arr();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(value(p));
                }
                return array;
            }
            case VALUE_STRING -> {
                return JsonTree.Scalar.string(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return JsonTree.Scalar.number(p.getNumberValue()); // Integer, Long or BigInteger, as Jackson's tree has it
            }
            case VALUE_NUMBER_FLOAT -> {
                return JsonTree.Scalar.number(p.getDecimalValue()); // exact: "1.50" stays 1.50
            }
            case VALUE_TRUE -> {
                return JsonTree.Scalar.TRUE;
            }
            case VALUE_FALSE -> {
                return JsonTree.Scalar.FALSE;
            }
            case VALUE_NULL -> {
                return JsonTree.Scalar.NULL;
            }
            default -> throw new IllegalStateException("a JSON value cannot start with " + p.currentToken());
        }
    }

    /** Whether this object's resourceType is the string "Bundle". */
    static boolean isBundle(JsonTree.Obj node) {
        return node.get(RESOURCE_TYPE) instanceof JsonTree.Scalar type && type.isString() && "Bundle".equals(type.getAsString());
    }

    /** A Bundle's entry array, from its start: each entry's resource by {@link #entryResource}. */
    private JsonTree.Arr entries(JsonParser p) throws IOException {
        JsonTree.Arr entries = new JsonTree.Arr();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                entries.add(value(p)); // not an entry: HAPI says what is wrong with it
                continue;
            }
            JsonTree.Obj entry = new JsonTree.Obj();
            for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                String name = p.currentName();
                if (p.nextToken() == JsonToken.START_OBJECT && "resource".equals(name)) {
                    entry.put(name, entryResource(p));
                } else {
                    entry.put(name, value(p));
                }
            }
            entries.add(entry);
        }
        return entries;
    }

    /**
     * An entry's resource, from its start. When its first field names a type nothing reads, the rest is read through
     * for its id only; a resource that names its type later is read whole first.
     */
    private JsonTree.Obj entryResource(JsonParser p) throws IOException {
        JsonTree.Obj resource = new JsonTree.Obj();
        if (p.nextToken() == JsonToken.FIELD_NAME && RESOURCE_TYPE.equals(p.currentName())) {
            p.nextToken();
            resource.put(RESOURCE_TYPE, value(p)); // a type that is not a string: HAPI will refuse it
            p.nextToken();
            if (!isRead(resource)) {
                return idOnly(p, resource);
            }
        }
        fields(p, resource);
        if (isRead(resource)) {
            return resource;
        }
        JsonTree.Obj stub = new JsonTree.Obj();
        stub.put(RESOURCE_TYPE, resource.get(RESOURCE_TYPE));
        if (resource.get("id") != null) {
            stub.put("id", resource.get("id"));
        }
        return stub;
    }

    /** Whether a mapping may read this resource: its type is one whose content is read, or not a type name at all. */
    private static boolean isRead(JsonTree.Obj resource) {
        BaseJsonLikeValue type = resource.get(RESOURCE_TYPE);
        return type == null || !type.isString() || RecordMappers.contentIsRead(type.getAsString());
    }

    /** Reads through the rest of a resource nothing reads, keeping its id. */
    private static JsonTree.Obj idOnly(JsonParser p, JsonTree.Obj stub) throws IOException {
        for (JsonToken t = p.currentToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            p.nextToken();
            if ("id".equals(name)) {
                stub.put(name, value(p));
            } else {
                p.skipChildren();
            }
        }
        return stub;
    }

    private static String where(com.fasterxml.jackson.core.JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
