package org.openspr.query.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Writes HAPI resources as FHIR JSON. One shared context (expensive to build); a parser per response (not thread-safe). */
@Produces({FhirJsonWriter.FHIR_JSON, MediaType.APPLICATION_JSON})
public final class FhirJsonWriter implements MessageBodyWriter<IBaseResource> {
    public static final String FHIR_JSON = "application/fhir+json";
    private final FhirContext context;

    public FhirJsonWriter(FhirContext context) {
        this.context = context;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return IBaseResource.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(IBaseResource resource, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws java.io.IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        context.newJsonParser().encodeResourceToWriter(resource, writer);
        writer.flush();
    }
}
