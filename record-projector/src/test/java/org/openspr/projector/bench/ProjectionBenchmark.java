package org.openspr.projector.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.openspr.embedded.registry.EmbeddedSchemaRegistry;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.Topics;
import org.openspr.projector.record.RecordItemProcessor;
import org.openspr.projector.record.RecordStores;
import org.openspr.projector.record.RetainingEventDeserializer;
import org.openspr.projector.record.StoredItem;
import org.openspr.projector.record.StoredItemSerde;
import org.openspr.projector.record.ViewChangeSerializer;
import org.openspr.projector.testing.Events;

/**
 * Measures applying clinical events to the record on real RocksDB stores, one thread: decode the event from the wire
 * format, run the record-projection processor on it (index, fact index, item, timeline, unapplied marker; the item
 * store with the topology's own store format), encode the view change for the output topic with the topology's own
 * serializer. Kafka I/O and
 * transactions are left out (TopologyTestDriver commits, and so writes store offsets, after every record, which a
 * real instance does once per commit interval). Compares adding items to patients with 10 items against adding them
 * to a patient with 10,000 items. Costs are CPU time of the applying thread, so they hold on a busy shared machine.
 *
 * <p>With a third argument {@code threads} above 1 it then also measures wall-clock events/s with that many threads
 * applying at once, each to its own task's stores (as Streams runs one task per partition): the apply rate of the
 * machine's cores together, RocksDB's background flushes and compactions included.
 *
 * <p>Run: {@code java -cp <test classpath> org.openspr.projector.bench.ProjectionBenchmark [rounds] [events] [threads]}.
 */
public final class ProjectionBenchmark {
    private static final int SMALL = 10;
    private static final int LARGE = 10_000;

    private ProjectionBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.volatileForUnitTests().start()) {
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
            Topics topics = Topics.create(client);
            Bench bench = Bench.open(client, topics, 0);

            double[] throughput = new double[rounds];
            double[] smallCost = new double[rounds];
            double[] largeCost = new double[rounds];
            int patientBase = 100_000;
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            for (int round = 0; round < rounds; round++) {
                List<KeyValue<String, byte[]>> smallPreload = new ArrayList<>();
                List<KeyValue<String, byte[]>> smallMeasured = new ArrayList<>();
                for (int p = 0; p < measured; p++) {
                    String nhs = NhsNumber.testNumber(patientBase++);
                    for (int i = 0; i < SMALL; i++) {
                        smallPreload.add(bench.wire(nhs, "r" + round + "-p" + p + "-" + i, i));
                    }
                    smallMeasured.add(bench.wire(nhs, "r" + round + "-p" + p + "-" + SMALL, SMALL));
                }
                String big = NhsNumber.testNumber(patientBase++);
                List<KeyValue<String, byte[]>> largePreload = new ArrayList<>();
                List<KeyValue<String, byte[]>> largeMeasured = new ArrayList<>();
                for (int i = 0; i < LARGE; i++) {
                    largePreload.add(bench.wire(big, "r" + round + "-big-" + i, i));
                }
                for (int i = 0; i < measured; i++) {
                    largeMeasured.add(bench.wire(big, "r" + round + "-big-" + (LARGE + i), LARGE + i));
                }

                // CPU time of this thread, not wall time: the machine is shared, and waiting for a core is not our cost.
                long start = cpu.getCurrentThreadCpuTime();
                bench.apply(smallPreload);
                bench.apply(largePreload);
                long preloaded = cpu.getCurrentThreadCpuTime();
                // Alternate which goes first, so that warming (or RocksDB flushes) do not always favour the same side.
                boolean smallFirst = round % 2 == 0;
                bench.apply(smallFirst ? smallMeasured : largeMeasured);
                long middle = cpu.getCurrentThreadCpuTime();
                bench.apply(smallFirst ? largeMeasured : smallMeasured);
                long end = cpu.getCurrentThreadCpuTime();
                long smallNanos = smallFirst ? middle - preloaded : end - middle;
                long largeNanos = smallFirst ? end - middle : middle - preloaded;

                int total = smallPreload.size() + largePreload.size() + smallMeasured.size() + largeMeasured.size();
                throughput[round] = total / ((end - start) / 1e9);
                smallCost[round] = smallNanos / 1e3 / measured;
                largeCost[round] = largeNanos / 1e3 / measured;
                System.out.printf("round %d: %,.0f events/s per core; per event %.1f us (patients with 10 items) vs %.1f us (patient with 10,000 items): ratio %.2f%n",
                        round + 1, throughput[round], smallCost[round], largeCost[round], largeCost[round] / smallCost[round]);
            }
            // Round 1 warms up the JIT and RocksDB; medians over the others.
            double[] tp = Arrays.copyOfRange(throughput, 1, rounds);
            double[] sc = Arrays.copyOfRange(smallCost, 1, rounds);
            double[] lc = Arrays.copyOfRange(largeCost, 1, rounds);
            System.out.printf("MEDIAN of rounds 2-%d: %,.0f events/s per core; %.1f us/event at 10 items, %.1f us/event at 10,000 items; ratio %.2f%n",
                    rounds, median(tp), median(sc), median(lc), median(lc) / median(sc));
            if (threads > 1) {
                parallel(client, topics, rounds, measured, threads);
            }
        }
    }

    // Each thread applies to its own task's stores; wall-clock time from a common start until the last one finishes.
    private static void parallel(RestSchemaRegistryClient client, Topics topics, int rounds, int measured, int threads)
            throws IOException {
        List<Bench> benches = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            benches.add(Bench.open(client, topics, t + 1));
        }
        double[] rates = new double[rounds];
        int patientBase = 500_000;
        for (int round = 0; round < rounds; round++) {
            List<List<KeyValue<String, byte[]>>> work = new ArrayList<>();
            for (Bench bench : benches) {
                List<KeyValue<String, byte[]>> events = new ArrayList<>();
                for (int p = 0; p < measured; p++) {
                    String nhs = NhsNumber.testNumber(patientBase++);
                    for (int i = 0; i <= SMALL; i++) {
                        events.add(bench.wire(nhs, "par" + round + "-p" + p + "-" + i, i));
                    }
                }
                work.add(events);
            }
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Thread> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Bench bench = benches.get(t);
                List<KeyValue<String, byte[]>> events = work.get(t);
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    bench.apply(events);
                }, "apply-" + t);
                thread.start();
                running.add(thread);
            }
            long begin = System.nanoTime();
            start.countDown();
            for (Thread thread : running) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            int total = work.stream().mapToInt(List::size).sum();
            rates[round] = total / seconds;
            System.out.printf("parallel round %d: %d threads, %,d events in %.2f s wall clock: %,.0f events/s%n", round + 1,
                    threads, total, seconds, rates[round]);
        }
        System.out.printf("MEDIAN of parallel rounds 2-%d: %,.0f events/s with %d threads (wall clock)%n", rounds,
                median(Arrays.copyOfRange(rates, 1, rounds)), threads);
    }

    private static <V> void store(MockProcessorContext<String, RecordItem> context, String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Decode, project, encode: what the record-projection step does per event. */
    private record Bench(RecordItemProcessor processor, MockProcessorContext<String, RecordItem> context, Serde<ClinicalEvent> events,
                         ViewChangeSerializer viewChanges, String inputTopic, String outputTopic) {
        /** The projection step as the topology runs it for one task: its processor, its store serde, its output serializer. */
        static Bench open(RestSchemaRegistryClient client, Topics topics, int partition) throws IOException {
            Path dir = Files.createTempDirectory("projector-bench-");
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "projector-bench");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
            MockProcessorContext<String, RecordItem> context = new MockProcessorContext<>(props, new TaskId(0, partition), dir.toFile());
            Serde<StoredItem> storedItems = new StoredItemSerde(client);
            store(context, RecordStores.RECORD_ITEMS, storedItems);
            for (String name : List.of(RecordStores.ITEM_INDEX, RecordStores.FACT_INDEX, RecordStores.TIMELINE, RecordStores.UNAPPLIED_EVENTS)) {
                store(context, name, Serdes.String());
            }
            RecordItemProcessor processor = new RecordItemProcessor();
            processor.init(context);
            Serde<ClinicalEvent> topicEvents = topics.clinicalEvents().valueSerde();
            Serde<ClinicalEvent> events = Serdes.serdeFrom(topicEvents.serializer(),
                    new RetainingEventDeserializer(topicEvents.deserializer(), client)); // as the topology reads them
            return new Bench(processor, context, events, new ViewChangeSerializer(client),
                    topics.clinicalEvents().name(), topics.recordViewChanges().name());
        }

        KeyValue<String, byte[]> wire(String nhs, String sourceItem, int item) {
            ClinicalEvent event = Events.condition(sourceItem, "code-" + item, "active").nhs(nhs)
                    .version("1", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(item)).build();
            return KeyValue.pair(nhs, events.serializer().serialize(inputTopic, event));
        }

        void apply(List<KeyValue<String, byte[]>> batch) {
            long bytes = 0;
            for (KeyValue<String, byte[]> record : batch) {
                ClinicalEvent event = events.deserializer().deserialize(inputTopic, record.value);
                processor.process(new Record<>(record.key, event, 0L));
                for (MockProcessorContext.CapturedForward<? extends String, ? extends RecordItem> change : context.forwarded()) {
                    byte[] out = viewChanges.serialize(outputTopic, change.record().value());
                    bytes += out == null ? 0 : out.length;
                }
                context.resetForwards();
            }
            if (bytes < 0) {
                throw new IllegalStateException("unreachable: keeps the encoding from being optimised away");
            }
        }
    }
}
