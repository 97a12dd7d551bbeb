package org.openspr.query.fhir;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Writes a {@link SearchsetBundle} as FHIR JSON: the Bundle's own elements in the specification's order, each entry's
 * resource copied from its stored encoding, and the OperationOutcome (rare, small) encoded by HAPI.
 */
@Produces({FhirJsonWriter.FHIR_JSON, MediaType.APPLICATION_JSON})
public final class SearchsetBundleWriter implements MessageBodyWriter<SearchsetBundle> {
    private final JsonFactory json = new JsonFactory();
    private final FhirContext context;

    public SearchsetBundleWriter(FhirContext context) {
        this.context = context;
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return SearchsetBundle.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(SearchsetBundle bundle, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("resourceType", "Bundle");
            g.writeObjectFieldStart("meta");
            g.writeStringField("lastUpdated", bundle.lastUpdated().truncatedTo(ChronoUnit.MILLIS).toString());
            g.writeEndObject();
            g.writeStringField("type", "searchset");
            g.writeNumberField("total", bundle.total());
            g.writeArrayFieldStart("link");
            link(g, "self", bundle.baseUrl() + bundle.selfUrl());
            if (bundle.nextUrl() != null) {
                link(g, "next", bundle.baseUrl() + bundle.nextUrl());
            }
            g.writeEndArray();
            if (!bundle.entries().isEmpty() || bundle.outcome() != null) {
                g.writeArrayFieldStart("entry");
                for (EncodedResources.Encoded entry : bundle.entries()) {
                    entry(g, entry.fullUrl(), entry.resource(), "match");
                }
                if (bundle.outcome() != null) {
                    entry(g, new SerializedString("urn:uuid:" + UUID.randomUUID()), new SerializedString(context.newJsonParser().encodeResourceToString(bundle.outcome())),
                            "outcome");
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
    }

    private static void link(JsonGenerator g, String relation, String url) throws IOException {
        g.writeStartObject();
        g.writeStringField("relation", relation);
        g.writeStringField("url", url);
        g.writeEndObject();
    }

    private static void entry(JsonGenerator g, SerializableString fullUrl, SerializableString resourceJson, String mode)
            throws IOException {
        g.writeStartObject();
        g.writeFieldName("fullUrl");
        g.writeString(fullUrl);
        g.writeFieldName("resource");
        g.writeRawValue(resourceJson);
        g.writeObjectFieldStart("search");
        g.writeStringField("mode", mode);
        g.writeEndObject();
        g.writeEndObject();
    }
}
