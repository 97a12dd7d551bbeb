package org.openspr.cli.dlq;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.openspr.cli.KafkaOptions;
import org.openspr.cli.ingest.OneOffIngest;
import org.openspr.events.topics.Topics;
import org.openspr.ingest.IngestHeaders;
import org.openspr.ingest.IngestRuntime;
import org.openspr.ingest.IngestSettings;
import org.openspr.ingest.publish.IngestPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spr dlq redrive}: sends dead letters through again after a fix. Rejected inbound messages go through the
 * ingest pipeline again (mapping fixes apply); records a stream processor parked go back to their source topic.
 * Both are idempotent: event ids are deterministic, so a record re-driven twice changes nothing the second time.
 */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Re-drive dead-letter records: inbound rejects through ingest again, stream failures back to their source topic.")
final class RedriveCommand implements Callable<Integer> {
    private static final String SOURCE_TOPIC = "spr.dlq.source.topic";

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", description = "Dead-letter topic, e.g. spr.inbound.raw.dlq")
    String topic;

    @Option(names = "--partition", description = "Only this partition (with --offset: one record).")
    Integer partition;

    @Option(names = "--offset", description = "Only the record at this offset (needs --partition).")
    Long offset;

    @Option(names = "--limit", defaultValue = "1000", description = "At most this many records. Default: ${DEFAULT-VALUE}")
    int limit;

    @Option(names = "--dry-run", description = "Say what would be re-driven, change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = new DeadLetterReader(kafka).read(topic,
                r -> (partition == null || r.partition() == partition) && (offset == null || r.offset() == offset), limit);
        System.out.printf("%d record(s) selected from %s%n", records.size(), topic);
        if (dryRun || records.isEmpty()) {
            records.forEach(r -> System.out.printf("would re-drive %s-%d@%d to %s%n", r.topic(), r.partition(), r.offset(), target(r)));
            return 0;
        }
        int failed = topic.equals(Topics.INBOUND_DEAD_LETTERS.name()) ? throughIngest(records) : toSourceTopics(records);
        System.out.printf("re-driven %d, still failing %d%n", records.size() - failed, failed);
        return failed == 0 ? 0 : 1;
    }

    private int throughIngest(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        IngestSettings settings = OneOffIngest.settings(kafka, "dlq-redrive");
        int failed = 0;
        try (IngestRuntime runtime = IngestRuntime.start(settings)) {
            IngestPipeline pipeline = runtime.pipeline();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                String contentType = DlqCommand.header(record, IngestHeaders.CONTENT_TYPE);
                boolean hl7 = contentType != null && contentType.contains("hl7");
                IngestPipeline.Submitted submitted = hl7 ? pipeline.submitHl7(record.value(), "redrive")
                        : pipeline.submitFhir(record.value(), "redrive");
                submitted.committed().get(60, TimeUnit.SECONDS);
                boolean stillRejected = submitted.mapped().rejected();
                failed += stillRejected ? 1 : 0;
                System.out.printf("%s-%d@%d: %s%n", record.topic(), record.partition(), record.offset(),
                        stillRejected ? "still rejected (a new dead letter records why)" : "accepted");
            }
        }
        return failed;
    }

    private int toSourceTopics(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        Properties props = new Properties();
        props.putAll(kafka.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        int failed = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                String source = target(record);
                if (source == null) {
                    System.out.printf("%s-%d@%d: no %s header, cannot tell where it came from%n", record.topic(), record.partition(),
                            record.offset(), SOURCE_TOPIC);
                    failed++;
                    continue;
                }
                RecordHeaders headers = new RecordHeaders();
                for (Header header : record.headers()) {
                    if (!header.key().startsWith("spr.dlq.")) {
                        headers.add(header);
                    }
                }
                producer.send(new ProducerRecord<>(source, null, record.key(), record.value(), headers)).get(30, TimeUnit.SECONDS);
                System.out.printf("%s-%d@%d: back on %s%n", record.topic(), record.partition(), record.offset(), source);
            }
        }
        return failed;
    }

    private String target(ConsumerRecord<byte[], byte[]> record) {
        return topic.equals(Topics.INBOUND_DEAD_LETTERS.name()) ? "ingest" : DlqCommand.header(record, SOURCE_TOPIC);
    }
}
