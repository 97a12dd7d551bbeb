package org.openspr.cli.dlq;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.openspr.cli.KafkaOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spr dlq}: inspect dead-letter records with their reasons, and re-drive them after a fix. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Inspect dead-letter topics (*.dlq) and re-drive their records after a fix.",
        subcommands = {DlqCommand.List.class, DlqCommand.Show.class, RedriveCommand.class})
public final class DlqCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Dead-letter topics and how many records each holds.")
    static final class List implements java.util.concurrent.Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Override
        public Integer call() throws Exception {
            try (Admin admin = kafka.admin()) {
                Set<String> topics = admin.listTopics().names().get(15, TimeUnit.SECONDS);
                Map<String, Long> counts = new TreeMap<>();
                for (String topic : topics) {
                    if (topic.endsWith(".dlq")) {
                        counts.put(topic, records(admin, topic));
                    }
                }
                if (counts.isEmpty()) {
                    System.out.println("no dead-letter topics");
                }
                counts.forEach((topic, count) -> System.out.printf("%-40s %8d record(s)%n", topic, count));
            }
            return 0;
        }

        private static long records(Admin admin, String topic) throws Exception {
            var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS).get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> earliest = new java.util.HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(p -> {
                earliest.put(p, OffsetSpec.earliest());
                latest.put(p, OffsetSpec.latest());
            });
            var start = admin.listOffsets(earliest).all().get(15, TimeUnit.SECONDS);
            var end = admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS);
            return partitions.stream().mapToLong(p -> end.get(p).offset() - start.get(p).offset()).sum();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print dead-letter records with their headers (reason, source).")
    static final class Show implements java.util.concurrent.Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Parameters(index = "0", description = "Dead-letter topic, e.g. spr.inbound.raw.dlq")
        String topic;

        @Option(names = "--limit", defaultValue = "20", description = "At most this many records. Default: ${DEFAULT-VALUE}")
        int limit;

        @Option(names = "--body", description = "Print the record body (as text, cut at 2,000 characters).")
        boolean body;

        @Override
        public Integer call() {
            var records = new DeadLetterReader(kafka).read(topic, r -> true, limit);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                System.out.println(describe(record, body));
            }
            System.out.printf("%d record(s) shown%n", records.size());
            return 0;
        }
    }

    static String describe(ConsumerRecord<byte[], byte[]> record, boolean withBody) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%s-%d@%d  key=%s  %d bytes%n", record.topic(), record.partition(), record.offset(),
                record.key() == null ? "-" : new String(record.key(), StandardCharsets.UTF_8), record.value() == null ? 0 : record.value().length));
        for (Header header : record.headers()) {
            text.append("    ").append(header.key()).append(": ").append(new String(header.value(), StandardCharsets.UTF_8)).append('\n');
        }
        if (withBody && record.value() != null) {
            String body = new String(record.value(), StandardCharsets.UTF_8);
            text.append("    body: ").append(body.length() > 2000 ? body.substring(0, 2000) + "..." : body).append('\n');
        }
        return text.toString();
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
