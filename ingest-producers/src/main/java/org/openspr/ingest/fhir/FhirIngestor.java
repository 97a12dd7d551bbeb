package org.openspr.ingest.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.map.Digests;
import org.openspr.ingest.map.IngestRejection;
import org.openspr.ingest.map.MappedMessage;
import org.openspr.ingest.map.MessageContext;
import org.openspr.ingest.map.SourceDefaults;
import org.openspr.ingest.map.Utf8;

/** Parses FHIR R4 JSON/XML bytes and maps them; never throws for bad input, it returns a rejected message instead. */
public final class FhirIngestor {
    /** Bundles nest about 15 levels (JSON or XML); 100 leaves room for contained resources, extensions and narrative. */
    static final int MAX_DEPTH = 100;
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final FhirJsonReader JSON = new FhirJsonReader(MAX_DEPTH);

    /** Where a message is allowed to land: the base endpoint takes transaction/batch Bundles, a type endpoint one resource. */
    public enum Expect { ANY, TRANSACTION_OR_BATCH, RESOURCE_OF_TYPE }

    private final SourceDefaults defaults;
    private final FhirMessageMapper mapper;

    public FhirIngestor(SourceDefaults defaults, boolean assignTestNhsNumbers) {
        this.defaults = defaults;
        this.mapper = new FhirMessageMapper(assignTestNhsNumbers);
    }

    public static FhirContext context() {
        return FHIR;
    }

    /**
     * @param expectedType resource type required by {@link Expect#RESOURCE_OF_TYPE} (from the URL), else ignored
     */
    public MappedMessage ingest(byte[] body, boolean xml, Expect expect, String expectedType, Instant receivedAt) {
        String hash = Digests.shortSha256(body);
        MessageContext fallback = new MessageContext(defaults.sourceSystem(), defaults.odsCode(), "FHIR", "sha256:" + hash, hash,
                receivedAt, null);
        Resource resource;
        try {
            resource = parse(body, xml);
            check(resource, expect, expectedType);
        } catch (IngestRejection rejection) {
            MappedMessage rejected = new MappedMessage(fallback);
            rejected.reject(rejection);
            // the message could not be taken apart: it counts as one rejected item
            rejected.addOutcome(org.openspr.ingest.map.ItemOutcome.rejected("(message)", "(unparsed)", rejection));
            return rejected;
        }
        return mapper.map(resource, context(resource, hash, receivedAt));
    }

    private static Resource parse(byte[] body, boolean xml) {
        if (body.length == 0) {
            throw new IngestRejection(null, IngestErrorCode.EMPTY_MESSAGE);
        }
        if (xml) {
            XmlDepth.check(body, MAX_DEPTH);
        }
        LenientErrorHandler errors = new LenientErrorHandler(false); // unknown elements are the sender's business
        try {
            IBaseResource parsed;
            if (xml) {
                parsed = FHIR.newXmlParser().setParserErrorHandler(errors).parseResource(Utf8.decode(body, StandardCharsets.UTF_8));
            } else {
                Utf8.check(body); // Jackson reads the bytes itself, but is not as strict about UTF-8
                parsed = JSON.read(body, FHIR, errors);
            }
            if (!(parsed instanceof Resource r)) {
                throw new IngestRejection(null, IngestErrorCode.FHIR_UNPARSEABLE, xml ? "XML" : "JSON", "not an R4 resource");
            }
            return r;
        } catch (DataFormatException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new IngestRejection(null, IngestErrorCode.FHIR_UNPARSEABLE, xml ? "XML" : "JSON", e.getMessage());
        } catch (StackOverflowError e) {
            throw new IngestRejection(null, IngestErrorCode.FHIR_TOO_DEEP, xml ? "XML" : "JSON", MAX_DEPTH);
        }
    }

    private static void check(Resource resource, Expect expect, String expectedType) {
        if (expect == Expect.TRANSACTION_OR_BATCH) {
            if (!(resource instanceof Bundle bundle)) {
                throw new IngestRejection(resource.fhirType(), IngestErrorCode.FHIR_WRONG_TYPE, "Bundle", resource.fhirType());
            }
            if (bundle.getType() != Bundle.BundleType.TRANSACTION && bundle.getType() != Bundle.BundleType.BATCH) {
                throw new IngestRejection("Bundle.type", IngestErrorCode.FHIR_BUNDLE_TYPE,
                        bundle.getType() == null ? "(none)" : bundle.getType().toCode());
            }
        } else if (expect == Expect.RESOURCE_OF_TYPE && !resource.fhirType().equals(expectedType)) {
            throw new IngestRejection(resource.fhirType(), IngestErrorCode.FHIR_WRONG_TYPE, expectedType, resource.fhirType());
        }
    }

    private MessageContext context(Resource resource, String hash, Instant receivedAt) {
        String source = resource.getMeta().hasSource() ? resource.getMeta().getSource() : defaults.sourceSystem();
        String type = resource instanceof Bundle b && b.hasType() ? "FHIR Bundle/" + b.getType().toCode() : "FHIR " + resource.fhirType();
        String id = FhirIds.logicalId(resource);
        String messageId = id != null ? resource.fhirType() + "/" + id : "sha256:" + hash;
        Instant sentAt = resource instanceof Bundle b && b.hasTimestamp() ? b.getTimestamp().toInstant()
                : FhirTypes.instant(resource.getMeta().getLastUpdated());
        return new MessageContext(source, defaults.odsCode(), type, messageId, hash, receivedAt, sentAt);
    }
}
