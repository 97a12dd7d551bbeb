package org.openspr.projector.identity;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.IdentityEvent;
import org.openspr.events.avro.LocalIdentifier;
import org.openspr.events.avro.LocalIdentifiersMerged;
import org.openspr.events.avro.NhsNumberLinked;
import org.openspr.events.errors.SprException;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.projector.ProjectorErrorCode;
import org.openspr.projector.record.RecordStores;

/**
 * Resolves every clinical event to an NHS number. Input is keyed by the routing key, so a local identifier's events
 * and its links meet in the same task: events of unknown patients are parked under their local key and released,
 * in order, when the link arrives. Output is keyed by NHS number: resolved clinical events, and links derived from
 * local merges (see {@link LocalMerges}), which go back to the identity topic.
 * <p>
 * A resolved event whose NHS number hashes to the partition being processed is already where the repartition by NHS
 * number would put it (ingest keys events by NHS number when they carry one), so it goes straight on to the record
 * projection in this task. Any other resolved event is wrapped in a {@link Rerouted} and goes through the
 * repartition topic. The choice depends only on the NHS number, so all events of one patient from one input
 * partition take the same path, in order.
 */
public final class IdentityResolver implements Processor<String, Object, String, Object> {
    /** Metric group and name of the parked-events gauge (one per task; sum over tasks for the total). */
    public static final String METRIC_GROUP = "spr-projector";
    public static final String PARKED_METRIC = "parked-events";

    private final int partitions;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, String> links;
    private ParkingLot parkingLot;
    private LocalMerges localMerges;
    private Sensor parkedGauge;

    /** A resolved clinical event that belongs to another partition than the one it was read from. */
    public record Rerouted(ClinicalEvent event) {
    }

    /** @param partitions how many partitions the repartition by NHS number has (the record stores' task count) */
    public IdentityResolver(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.links = context.getStateStore(RecordStores.IDENTITY_LINKS);
        this.parkingLot = new ParkingLot(context.getStateStore(RecordStores.PARKED_EVENTS), context.getStateStore(RecordStores.PARKED_COUNTS));
        this.localMerges = new LocalMerges(context.getStateStore(RecordStores.PENDING_LOCAL_MERGES));
        String sensorName = "spr-parked-events-" + context.taskId();
        this.parkedGauge = context.metrics().addSensor(sensorName, Sensor.RecordingLevel.INFO);
        this.parkedGauge.add(new MetricName(PARKED_METRIC, METRIC_GROUP, "clinical events parked until their patient is known",
                Map.of("task-id", context.taskId().toString())), new Value());
        parkedGauge.record(parkingLot.total());
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() instanceof ClinicalEvent event) {
            resolve(record, event);
        } else if (record.value() instanceof IdentityEvent identity && identity.getChange() instanceof NhsNumberLinked link) {
            link(record, identity, link);
        } else if (record.value() instanceof IdentityEvent identity && identity.getChange() instanceof LocalIdentifiersMerged merge) {
            localMerge(record, identity, merge);
        }
    }

    @Override
    public void close() {
        context.metrics().removeSensor(parkedGauge);
    }

    private void resolve(Record<String, Object> record, ClinicalEvent event) {
        String nhsNumber = event.getPatient().getNhsNumber();
        if (nhsNumber != null && NhsNumber.isValid(nhsNumber)) {
            emit(record, nhsNumber, event);
            return;
        }
        if (event.getPatient().getLocalIdentifiers().isEmpty()) {
            throw new SprException(ProjectorErrorCode.CLINICAL_EVENT_WITHOUT_PATIENT, event.getEventId());
        }
        // Ingest keys such events by their first local identifier, which is what puts them in this task.
        String localKey = LocalKeys.of(event.getPatient().getLocalIdentifiers().get(0));
        String linked = links.get(localKey);
        if (linked != null && !parkingLot.hasParked(localKey)) {
            emit(record, linked, event);
        } else {
            parkingLot.park(localKey, event);
            parkedGauge.record(parkingLot.total());
        }
    }

    private void emit(Record<String, Object> record, String nhsNumber, ClinicalEvent event) {
        int here = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
        boolean inPlace = here == partitionOf(nhsNumber, partitions);
        context.forward(record.withKey(nhsNumber).withValue(inPlace ? event : new Rerouted(event)));
    }

    /** The partition Kafka's default partitioner gives a string key (UTF-8 bytes, murmur2), as the repartition does. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private void link(Record<String, Object> record, IdentityEvent identity, NhsNumberLinked link) {
        String localKey = LocalKeys.of(link.getLocalIdentifier());
        String nhsNumber = NhsNumber.normalise(link.getNhsNumber());
        links.put(localKey, nhsNumber);
        for (ClinicalEvent parked : parkingLot.release(localKey)) {
            emit(record, nhsNumber, parked);
        }
        parkedGauge.record(parkingLot.total());
        for (LocalIdentifier superseded : localMerges.takeWaiting(localKey)) {
            context.forward(record.withKey(nhsNumber).withValue(LocalMerges.derivedLink(identity, superseded, nhsNumber)));
        }
    }

    // Keyed by the surviving identifier: its link is known here, the superseded one's parked events are not.
    private void localMerge(Record<String, Object> record, IdentityEvent identity, LocalIdentifiersMerged merge) {
        String nhsNumber = links.get(LocalKeys.of(merge.getSurviving()));
        if (nhsNumber == null) {
            localMerges.await(LocalKeys.of(merge.getSurviving()), merge.getSuperseded());
        } else {
            context.forward(record.withKey(nhsNumber).withValue(LocalMerges.derivedLink(identity, merge.getSuperseded(), nhsNumber)));
        }
    }
}
