package org.openspr.ingest.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.map.IngestRejection;

/**
 * Reads FHIR JSON for HAPI: Jackson builds the tree once (refusing nesting deeper than the limit before anything
 * recursive walks it), then HAPI parses that tree into its R4 model. What no mapping reads is left out of the model:
 * <ul>
 * <li>Bundle entries whose resource type nothing reads (billing, insurance, audit trails: about half of the bytes of a
 * Synthea bundle) reach HAPI as their type and id only. They are still reported as not recorded, and references to
 * them still resolve by type and id.
 * <li>The narrative ({@code text}, generated XHTML) of the resources: HAPI would parse every one as XHTML.
 * </ul>
 * The message itself, whole, is what the raw topic keeps.
 */
final class FhirJsonReader {
    /** Jackson settings as HAPI's own JSON reading has them: exact decimals, single quotes and leading plus signs allowed. */
    private final ObjectMapper json;
    private final int maxDepth;

    FhirJsonReader(int maxDepth) {
        this.maxDepth = maxDepth;
        JsonMapper mapper = JsonMapper.builder().enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS).build();
        mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.configure(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_SINGLE_QUOTES, true);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth).maxStringLength(Integer.MAX_VALUE).build());
        this.json = mapper;
    }

    /** The parsed resource; an {@link IngestRejection} for text that is not JSON, nests too deep or is not a resource. */
    IBaseResource read(String text, FhirContext context, IParserErrorHandler errors) {
        ObjectNode root = tree(text);
        stubEntriesNothingReads(root);
        JacksonStructure structure = new JacksonStructure();
        structure.setNativeObject(root);
        return new TreeJsonParser(context, errors).parse(structure);
    }

    private ObjectNode tree(String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (StreamConstraintsException e) {
            if (e.getMessage() != null && e.getMessage().contains("nesting depth")) {
                throw new IngestRejection(null, IngestErrorCode.FHIR_TOO_DEEP, "JSON", maxDepth);
            }
            throw new IngestRejection(null, IngestErrorCode.FHIR_UNPARSEABLE, "JSON", e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new IngestRejection(null, IngestErrorCode.FHIR_UNPARSEABLE, "JSON", e.getOriginalMessage() + where);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IngestRejection(null, IngestErrorCode.FHIR_UNPARSEABLE, "JSON",
                    "a FHIR resource is a JSON object, this is " + (node == null || node.isMissingNode() ? "empty" : "a JSON " + node.getNodeType().name().toLowerCase()));
        }
        return object;
    }

    /** Replaces each Bundle entry's resource that no mapping reads by its resourceType and id; drops narratives. */
    static void stubEntriesNothingReads(ObjectNode root) {
        JsonNode type = root.get("resourceType");
        if (type == null || !"Bundle".equals(type.textValue()) || !(root.get("entry") instanceof ArrayNode entries)) {
            dropNarrative(root);
            return;
        }
        for (JsonNode entry : entries) {
            if (!(entry instanceof ObjectNode e) || !(e.get("resource") instanceof ObjectNode resource)) {
                continue;
            }
            JsonNode resourceType = resource.get("resourceType");
            if (resourceType == null || !resourceType.isTextual() || RecordMappers.contentIsRead(resourceType.textValue())) {
                dropNarrative(resource);
                continue;
            }
            ObjectNode stub = e.objectNode();
            stub.set("resourceType", resourceType);
            JsonNode id = resource.get("id");
            if (id != null) {
                stub.set("id", id);
            }
            e.set("resource", stub);
        }
    }

    /** A DomainResource's {@code text} is its narrative; no other resource has an element of that name. */
    private static void dropNarrative(ObjectNode resource) {
        if (resource.get("text") instanceof ObjectNode) {
            resource.remove("text");
        }
    }
}
