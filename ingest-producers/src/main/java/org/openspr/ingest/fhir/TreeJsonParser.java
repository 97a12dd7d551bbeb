package org.openspr.ingest.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.JsonParser;
import ca.uhn.fhir.parser.json.JsonLikeStructure;
import java.io.Reader;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's JSON parser, fed a JSON tree that is already built instead of text. It goes through HAPI's own entry point,
 * so what HAPI does after parsing (a Bundle entry's resource takes its id from the entry's full URL) happens exactly
 * as for text. One parse per instance, like HAPI's parsers.
 */
final class TreeJsonParser extends JsonParser {
    private JsonLikeStructure tree;

    TreeJsonParser(FhirContext context, IParserErrorHandler errors) {
        super(context, errors);
    }

    IBaseResource parse(JsonLikeStructure json) {
        this.tree = json;
        try {
            return parseResource(Reader.nullReader());
        } finally {
            this.tree = null;
        }
    }

    @Override
    public <T extends IBaseResource> T doParseResource(Class<T> resourceType, Reader ignored) {
        return doParseResource(resourceType, tree);
    }
}
