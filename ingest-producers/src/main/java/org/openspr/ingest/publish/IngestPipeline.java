package org.openspr.ingest.publish;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.openspr.ingest.fhir.FhirIngestor;
import org.openspr.ingest.hl7.Hl7Ingestor;
import org.openspr.ingest.map.IngestRejection;
import org.openspr.ingest.map.MappedMessage;

/**
 * The one path every inbound message takes, whatever the channel: map, then publish raw + events (or the dead
 * letter) in one transaction. MLLP, HTTP and bulk import all call this.
 */
public final class IngestPipeline {
    private final FhirIngestor fhir;
    private final Hl7Ingestor hl7;
    private final TransactionalPublisher publisher;
    private final OutboundRecords records;
    private final Clock clock;

    public IngestPipeline(FhirIngestor fhir, Hl7Ingestor hl7, TransactionalPublisher publisher, OutboundRecords records, Clock clock) {
        this.fhir = fhir;
        this.hl7 = hl7;
        this.publisher = publisher;
        this.records = records;
        this.clock = clock;
    }

    /**
     * Maps an HL7 v2 message now and queues its records; the future completes once they are committed, or fails with
     * an SprException (then: ACK AE). The token (from {@link TransactionalPublisher#preparing()}) is closed here.
     */
    public CompletableFuture<Hl7Ingestor.Result> hl7(byte[] bytes, String channel, AutoCloseable preparing) {
        InboundMessage in = new InboundMessage(channel, InboundMessage.HL7_V2, bytes, clock.instant());
        try {
            Hl7Ingestor.Result result = hl7.ingest(bytes, in.receivedAt());
            String id = result.mapped().context().messageId();
            return answer(publisher.submit(records.of(in, result.mapped()), id, preparing), id, result);
        } finally {
            TransactionalPublisher.closeQuietly(preparing);
        }
    }

    /** Maps and publishes a FHIR message; returns once committed, or throws an SprException. */
    public MappedMessage fhir(byte[] body, boolean xml, FhirIngestor.Expect expect, String type, String channel) {
        InboundMessage in = new InboundMessage(channel, xml ? InboundMessage.FHIR_XML : InboundMessage.FHIR_JSON, body, clock.instant());
        AutoCloseable preparing = publisher.preparing();
        try {
            MappedMessage mapped = fhir.ingest(body, xml, expect, type, in.receivedAt());
            publisher.publish(records.of(in, mapped), mapped.context().messageId(), preparing);
            return mapped;
        } finally {
            TransactionalPublisher.closeQuietly(preparing);
        }
    }

    /** Bulk import: maps now, publishes asynchronously so many messages can share commits. */
    public Submitted submitFhir(byte[] body, String channel) {
        InboundMessage in = new InboundMessage(channel, InboundMessage.FHIR_JSON, body, clock.instant());
        MappedMessage mapped = fhir.ingest(body, false, FhirIngestor.Expect.ANY, null, in.receivedAt());
        return new Submitted(mapped, publisher.submit(records.of(in, mapped), mapped.context().messageId()));
    }

    public Submitted submitHl7(byte[] bytes, String channel) {
        InboundMessage in = new InboundMessage(channel, InboundMessage.HL7_V2, bytes, clock.instant());
        MappedMessage mapped = hl7.ingest(bytes, in.receivedAt()).mapped();
        return new Submitted(mapped, publisher.submit(records.of(in, mapped), mapped.context().messageId()));
    }

    /**
     * Parks bytes that never became a message (oversized frame, garbage) on the dead-letter topic; the future completes
     * once that is committed.
     */
    public CompletableFuture<Void> deadLetter(byte[] bytes, String channel, String contentType, String source, IngestRejection why) {
        InboundMessage in = new InboundMessage(channel, contentType, bytes, clock.instant());
        String id = "sha256:" + org.openspr.ingest.map.Digests.shortSha256(bytes);
        return answer(publisher.submit(java.util.List.of(records.deadLetter(in, source, id, why)), id), id, null);
    }

    /** The commit's future, giving {@code value} once committed or failing with the SprException the sender is told. */
    private static <T> CompletableFuture<T> answer(CompletableFuture<Void> commit, String messageId, T value) {
        return commit.handle((committed, error) -> {
            if (error != null) {
                throw TransactionalPublisher.failure(error, messageId);
            }
            return value;
        });
    }

    public TransactionalPublisher publisher() {
        return publisher;
    }

    /** A mapped message and the commit it waits for. */
    public record Submitted(MappedMessage mapped, CompletableFuture<Void> committed) {
    }
}
