package org.openspr.ingest.http;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.openspr.events.errors.SprException;
import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.fhir.FhirIngestor;
import org.openspr.ingest.map.MappedMessage;
import org.openspr.ingest.publish.IngestPipeline;

/**
 * FHIR R4 ingest over HTTP: {@code POST /fhir} with a transaction or batch Bundle, {@code POST /fhir/{type}} with one
 * resource. Answers once the message is committed to Kafka. Mount it in any Jersey environment.
 */
@Path("/fhir")
@Produces({"application/fhir+json", MediaType.APPLICATION_JSON})
@Consumes(MediaType.WILDCARD)
public final class FhirIngestResource {
    static final String CHANNEL = "http";
    private final IngestPipeline pipeline;
    private final int maxBodyBytes;

    public FhirIngestResource(IngestPipeline pipeline, int maxBodyBytes) {
        this.pipeline = pipeline;
        this.maxBodyBytes = maxBodyBytes;
    }

    @POST
    public Response transaction(@HeaderParam("Content-Type") String contentType, @HeaderParam("Content-Length") String length,
                                InputStream body) throws IOException {
        return ingest(contentType, length, body, FhirIngestor.Expect.TRANSACTION_OR_BATCH, null);
    }

    @POST
    @Path("{type}")
    public Response create(@PathParam("type") String type, @HeaderParam("Content-Type") String contentType,
                           @HeaderParam("Content-Length") String length, InputStream body) throws IOException {
        return ingest(contentType, length, body, FhirIngestor.Expect.RESOURCE_OF_TYPE, type);
    }

    private Response ingest(String contentType, String length, InputStream body, FhirIngestor.Expect expect, String type)
            throws IOException {
        String media = contentType == null ? "application/fhir+json" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (!media.contains("json") && !media.contains("xml")) {
            return FhirResponses.error(415, "SPR-2005", IngestErrorCode.UNSUPPORTED_MEDIA_TYPE.format(contentType), null);
        }
        byte[] bytes = RequestBodies.read(body, length, maxBodyBytes);
        if (bytes.length > maxBodyBytes) {
            long total = bytes.length + body.transferTo(java.io.OutputStream.nullOutputStream()); // drain so the client sees the answer
            return FhirResponses.error(413, "SPR-2001", IngestErrorCode.MESSAGE_TOO_LARGE.format(total, maxBodyBytes), null);
        }
        try {
            MappedMessage mapped = pipeline.fhir(bytes, media.contains("xml"), expect, type, CHANNEL); // the body's own array
            return type == null ? FhirResponses.forBundle(mapped, isBatch(mapped)) : FhirResponses.forResource(mapped);
        } catch (SprException e) {
            if (OperationOutcomes.isPublishFailure(e.errorCode())) {
                return Response.fromResponse(FhirResponses.error(503, e.errorCode().code(), e.getMessage(), null))
                        .header("Retry-After", "5").build();
            }
            throw e;
        }
    }

    private static boolean isBatch(MappedMessage m) {
        return m.context().messageType().endsWith("/batch");
    }
}
