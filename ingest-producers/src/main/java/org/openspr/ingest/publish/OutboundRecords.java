package org.openspr.ingest.publish;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.IdentityEvent;
import org.openspr.events.topics.Topic;
import org.openspr.events.topics.Topics;
import org.openspr.ingest.IngestHeaders;
import org.openspr.ingest.map.IdentityEvents;
import org.openspr.ingest.map.IngestRejection;
import org.openspr.ingest.map.ItemOutcome;
import org.openspr.ingest.map.MappedMessage;
import org.openspr.ingest.map.PatientKeys;

/**
 * Turns a mapped message into the records of its transaction: the raw message, its clinical and identity events,
 * and a dead letter per rejection. Serialising here, on the caller's thread, spreads the Avro work over the
 * HTTP request threads and MLLP workers instead of the publisher's.
 */
public final class OutboundRecords {
    private final Topics topics;

    public OutboundRecords(Topics topics) {
        this.topics = topics;
    }

    public List<ProducerRecord<byte[], byte[]>> of(InboundMessage in, MappedMessage m) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        String messageId = m.context().messageId();
        if (m.rejected()) {
            records.add(deadLetter(in, m, m.rejection().errorCode().code(), m.rejection().getMessage(), m.rejection().location()));
            return records;
        }
        records.add(record(topics.inboundRaw(), messageId, in.body(), headers(in, m)));
        for (ClinicalEvent event : m.clinicalEvents()) {
            records.add(record(topics.clinicalEvents(), PatientKeys.routingKey(event.getPatient()), event, null));
        }
        for (IdentityEvent event : m.identityEvents()) {
            records.add(record(topics.identityEvents(), IdentityEvents.key(event), event, null));
        }
        for (ItemOutcome o : m.outcomes()) {
            if (o.status() == ItemOutcome.Status.REJECTED) { // a batch keeps its good entries; each bad one is parked
                records.add(deadLetter(in, m, o.code(), o.text(), o.location()));
            }
        }
        return records;
    }

    /** A dead letter for a message that could not even be mapped (e.g. an MLLP frame over the size limit). */
    public ProducerRecord<byte[], byte[]> deadLetter(InboundMessage in, String source, String messageId, IngestRejection why) {
        RecordHeaders headers = baseHeaders(in, source, messageId);
        reason(headers, why.errorCode().code(), why.getMessage(), why.location());
        return record(topics.inboundDeadLetters(), messageId, in.body(), headers);
    }

    private ProducerRecord<byte[], byte[]> deadLetter(InboundMessage in, MappedMessage m, String code, String text, String location) {
        RecordHeaders headers = headers(in, m);
        reason(headers, code, text, location);
        return record(topics.inboundDeadLetters(), m.context().messageId(), in.body(), headers);
    }

    private static void reason(RecordHeaders headers, String code, String text, String location) {
        headers.add(IngestHeaders.REASON_CODE, utf8(code));
        headers.add(IngestHeaders.REASON_TEXT, utf8(text));
        if (location != null) {
            headers.add(IngestHeaders.REASON_LOCATION, utf8(location));
        }
    }

    private static RecordHeaders headers(InboundMessage in, MappedMessage m) {
        return baseHeaders(in, m.context().sourceSystem(), m.context().messageId());
    }

    private static RecordHeaders baseHeaders(InboundMessage in, String source, String messageId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(IngestHeaders.SOURCE, utf8(source));
        headers.add(IngestHeaders.CHANNEL, utf8(in.channel()));
        headers.add(IngestHeaders.CONTENT_TYPE, utf8(in.contentType()));
        headers.add(IngestHeaders.MESSAGE_ID, utf8(messageId));
        headers.add(IngestHeaders.RECEIVED_AT, utf8(in.receivedAt().toString()));
        return headers;
    }

    private static <K, V> ProducerRecord<byte[], byte[]> record(Topic<K, V> topic, K key, V value, RecordHeaders headers) {
        byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
        return new ProducerRecord<>(topic.name(), null, k, v, headers);
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
