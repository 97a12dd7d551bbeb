package org.openspr.projector.errors;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.openspr.events.errors.ErrorCode;
import org.openspr.events.topics.Topics;

/**
 * Builds dead-letter records (the original bytes plus headers saying where they came from and why) and counts them.
 * One counter per projector instance is handed to the handlers through the Streams configuration.
 */
public final class DeadLetters {
    /** Streams config key under which the app passes its {@link DeadLetters} instance to the handlers. */
    public static final String CONFIG_KEY = "spr.projector.dead-letters";
    public static final String SOURCE_TOPIC = "spr.dlq.source.topic";
    public static final String SOURCE_PARTITION = "spr.dlq.source.partition";
    public static final String SOURCE_OFFSET = "spr.dlq.source.offset";
    public static final String ERROR_CODE = "spr.dlq.error.code";
    public static final String ERROR_TEXT = "spr.dlq.error.text";
    public static final String PROCESSOR = "spr.dlq.processor";

    private final AtomicLong count = new AtomicLong();

    /** Records sent to dead-letter topics since this instance started (the metric operators watch). */
    public long count() {
        return count.get();
    }

    ProducerRecord<byte[], byte[]> record(String sourceTopic, int partition, long offset, String processor,
                                          byte[] key, byte[] value, ErrorCode code, String text) {
        count.incrementAndGet();
        Headers headers = new RecordHeaders();
        headers.add(SOURCE_TOPIC, utf8(sourceTopic));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
        headers.add(ERROR_CODE, utf8(code.code()));
        headers.add(ERROR_TEXT, utf8(text));
        if (processor != null) {
            headers.add(PROCESSOR, utf8(processor));
        }
        return new ProducerRecord<>(deadLetterTopic(sourceTopic), null, key, value, headers);
    }

    // Identity events (and their repartition topic) have their own dead-letter topic; everything else is clinical.
    static String deadLetterTopic(String sourceTopic) {
        boolean identity = sourceTopic != null
                && (sourceTopic.equals(Topics.IDENTITY_EVENTS.name()) || sourceTopic.contains("identity-links"));
        return identity ? Topics.IDENTITY_EVENTS_DEAD_LETTERS.name() : Topics.CLINICAL_EVENTS_DEAD_LETTERS.name();
    }

    static DeadLetters from(java.util.Map<String, ?> configs) {
        Object configured = configs.get(CONFIG_KEY);
        return configured instanceof DeadLetters deadLetters ? deadLetters : new DeadLetters();
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
