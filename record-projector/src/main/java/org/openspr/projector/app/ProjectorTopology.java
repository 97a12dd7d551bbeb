package org.openspr.projector.app;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.IdentityEvent;
import org.openspr.events.avro.LocalIdentifiersMerged;
import org.openspr.events.avro.NhsNumberLinked;
import org.openspr.events.avro.PatientsMerged;
import org.openspr.events.avro.PatientsUnmerged;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.events.registry.SchemaRegistryClient;
import org.openspr.events.topics.Topics;
import org.openspr.projector.identity.IdentityResolver;
import org.openspr.projector.identity.LocalKeys;
import org.openspr.projector.record.RecordItemProcessor;
import org.openspr.projector.record.RecordStores;
import org.openspr.projector.record.RetainingEventDeserializer;
import org.openspr.projector.record.StoredItem;
import org.openspr.projector.record.StoredItemSerde;
import org.openspr.projector.record.ViewChangeSerializer;

/**
 * The record projector topology. Clinical events and identity links meet in the identity resolver (keyed by routing
 * key), which emits events keyed by NHS number; those not already in their NHS number's partition are repartitioned
 * by NHS number, and all go into the record projection, whose changes go to the compacted view-changes topic. Merges
 * go to a compacted topic read back as a global store, so any instance can answer "who survives" and reads fold a
 * merged patient's records together.
 */
public final class ProjectorTopology {
    /** Repartition topic names (prefixed {@code <application.id>-}, suffixed {@code -repartition}). */
    public static final String LINKS_BY_LOCAL_ID = "identity-links-by-local-id";
    public static final String EVENTS_BY_NHS_NUMBER = "record-events-by-nhs-number";

    private static final String IN_PLACE = "in-place";
    private static final String REROUTED = "rerouted";
    private static final String DERIVED_LINKS = "derived-links";

    private ProjectorTopology() {
    }

    public static Topology buildTopology(Topics topics, SchemaRegistryClient registry) {
        Serde<String> strings = Serdes.String();
        Serde<ClinicalEvent> topicEvents = topics.clinicalEvents().valueSerde();
        Serde<ClinicalEvent> events = Serdes.serdeFrom(topicEvents.serializer(),
                new RetainingEventDeserializer(topicEvents.deserializer(), registry));
        Serde<IdentityEvent> identities = topics.identityEvents().valueSerde();
        Serde<StoredItem> items = new StoredItemSerde(registry);
        Serde<RecordItem> viewChanges = Serdes.serdeFrom(new ViewChangeSerializer(registry), topics.recordViewChanges().valueSerde().deserializer());
        int partitions = Topics.CLINICAL_EVENTS.partitions();

        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(store(RecordStores.IDENTITY_LINKS, strings, strings));
        builder.addStateStore(store(RecordStores.PARKED_EVENTS, strings, events));
        builder.addStateStore(store(RecordStores.PARKED_COUNTS, strings, Serdes.Long()));
        builder.addStateStore(store(RecordStores.PENDING_LOCAL_MERGES, strings, strings));
        // The record stores take a write per event under keys that are rarely written twice within a commit: a
        // record cache would only add copying and evicting (a full cache evicted on nearly every put), so they write
        // through to RocksDB, whose memtable serves the re-reads.
        builder.addStateStore(uncached(RecordStores.RECORD_ITEMS, strings, items));
        builder.addStateStore(uncached(RecordStores.ITEM_INDEX, strings, strings));
        builder.addStateStore(uncached(RecordStores.FACT_INDEX, strings, strings));
        builder.addStateStore(uncached(RecordStores.TIMELINE, strings, strings));
        builder.addStateStore(uncached(RecordStores.UNAPPLIED_EVENTS, strings, strings));

        KStream<String, ClinicalEvent> clinical = builder.stream(topics.clinicalEvents().name(),
                Consumed.with(strings, events).withName("clinical-events-source"));
        KStream<String, IdentityEvent> identity = builder.stream(topics.identityEvents().name(),
                Consumed.with(strings, identities).withName("identity-events-source"));

        identity.filter((key, event) -> isMerge(event), Named.as("patient-merges-filter"))
                .map((key, event) -> mergeEntry(event), Named.as("patient-merges-entry"))
                .to(topics.patientMerges().name(), Produced.with(strings, strings).withName("patient-merges-sink"));
        // Links and local merges are keyed by the local identifier they concern (a local merge by its survivor),
        // which co-partitions them with that identifier's events.
        KStream<String, Object> links = identity
                .filter((key, event) -> event.getChange() instanceof NhsNumberLinked || event.getChange() instanceof LocalIdentifiersMerged,
                        Named.as("identity-links-filter"))
                .selectKey((key, event) -> localKeyOf(event), Named.as("identity-links-rekey"))
                .repartition(Repartitioned.<String, IdentityEvent>as(LINKS_BY_LOCAL_ID)
                        .withKeySerde(strings).withValueSerde(identities).withNumberOfPartitions(partitions))
                .mapValues(event -> (Object) event, Named.as("identity-links-input"));

        // Casts between stream value types where the values already are of the type (no node per event for them).
        KStream<String, Object> resolved = ProjectorTopology.<Object>typed(clinical)
                .merge(links, Named.as("identity-resolver-input"))
                .process(() -> new IdentityResolver(partitions), Named.as("identity-resolver"), RecordStores.IDENTITY_LINKS,
                        RecordStores.PARKED_EVENTS, RecordStores.PARKED_COUNTS, RecordStores.PENDING_LOCAL_MERGES);

        // Events already in their NHS number's partition are projected in place; the others are repartitioned first.
        Map<String, KStream<String, Object>> routes = resolved.split(Named.as("resolved-"))
                .branch((nhsNumber, value) -> value instanceof ClinicalEvent, Branched.as(IN_PLACE))
                .branch((nhsNumber, value) -> value instanceof IdentityResolver.Rerouted, Branched.as(REROUTED))
                .branch((nhsNumber, value) -> value instanceof IdentityEvent, Branched.as(DERIVED_LINKS))
                .noDefaultBranch();
        ProjectorTopology.<IdentityEvent>typed(routes.get("resolved-" + DERIVED_LINKS))
                .to(topics.identityEvents().name(), Produced.with(strings, identities).withName("derived-links-sink"));
        KStream<String, ClinicalEvent> inPlace = typed(routes.get("resolved-" + IN_PLACE));
        KStream<String, ClinicalEvent> repartitioned = routes.get("resolved-" + REROUTED)
                .mapValues(value -> ((IdentityResolver.Rerouted) value).event(), Named.as("rerouted-events-unwrap"))
                .repartition(Repartitioned.<String, ClinicalEvent>as(EVENTS_BY_NHS_NUMBER)
                        .withKeySerde(strings).withValueSerde(events).withNumberOfPartitions(partitions));
        inPlace.merge(repartitioned, Named.as("record-projection-input"))
                .process(RecordItemProcessor::new, Named.as("record-projection"),
                        RecordStores.RECORD_ITEMS, RecordStores.ITEM_INDEX, RecordStores.FACT_INDEX, RecordStores.TIMELINE,
                        RecordStores.UNAPPLIED_EVENTS)
                .to(topics.recordViewChanges().name(), Produced.with(strings, viewChanges).withName("record-view-changes-sink"));

        builder.globalTable(topics.patientMerges().name(), Consumed.with(strings, strings).withName("patient-merges-source"),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(RecordStores.PATIENT_MERGES)
                        .withKeySerde(strings).withValueSerde(strings));
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private static <V> KStream<String, V> typed(KStream<String, ?> stream) {
        return (KStream<String, V>) stream;
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<String> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values).withCachingEnabled();
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> uncached(String name, Serde<String> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values).withCachingDisabled();
    }

    private static String localKeyOf(IdentityEvent event) {
        return event.getChange() instanceof NhsNumberLinked link
                ? LocalKeys.of(link.getLocalIdentifier())
                : LocalKeys.of(((LocalIdentifiersMerged) event.getChange()).getSurviving());
    }

    private static boolean isMerge(IdentityEvent event) {
        return event.getChange() instanceof PatientsMerged || event.getChange() instanceof PatientsUnmerged;
    }

    // A merge maps the superseded number to the survivor; an unmerge deletes that entry (a tombstone).
    private static KeyValue<String, String> mergeEntry(IdentityEvent event) {
        if (event.getChange() instanceof PatientsMerged merged) {
            return KeyValue.pair(NhsNumber.normalise(merged.getSupersededNhsNumber()), NhsNumber.normalise(merged.getSurvivingNhsNumber()));
        }
        PatientsUnmerged unmerged = (PatientsUnmerged) event.getChange();
        return KeyValue.pair(NhsNumber.normalise(unmerged.getRestoredNhsNumber()), null);
    }
}
