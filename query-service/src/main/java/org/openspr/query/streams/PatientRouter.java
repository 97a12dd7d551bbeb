package org.openspr.query.streams;

import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.openspr.projector.record.PatientRecordReader;
import org.openspr.projector.record.RecordStores;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;

/**
 * Which instance answers for a patient: the one whose Streams tasks own the partition of the patient's surviving NHS
 * number in the projector's record store. While Streams rebalances there is no answer (503), never a guess.
 */
public class PatientRouter {
    private static final StringSerializer KEYS = new StringSerializer();
    private final Supplier<KafkaStreams> streams;
    private final PatientRecordReader reader;
    private final HostInfo self;

    /**
     * @param self this instance's {@code application.server} (its HTTP host:port), or null for a single instance that
     *             owns every partition
     */
    public PatientRouter(KafkaStreams streams, PatientRecordReader reader, HostInfo self) {
        this(() -> streams, reader, self);
    }

    /** Over whichever projector serves at the time of each request (it changes when {@code spr rebuild} switches). */
    public PatientRouter(Supplier<KafkaStreams> streams, PatientRecordReader reader, HostInfo self) {
        this.streams = streams;
        this.reader = reader;
        this.self = self;
    }

    /** The other instance that owns this patient, or empty when this instance does. */
    public Optional<HostInfo> remoteOwner(String nhsNumber) {
        requireRunning();
        if (self == null) {
            return Optional.empty();
        }
        String survivor;
        try {
            survivor = reader.survivorOf(nhsNumber);
        } catch (RuntimeException e) {
            throw new QueryException(e, 503, QueryErrorCode.STORE_NOT_READY, e.getMessage());
        }
        KeyQueryMetadata metadata = streams.get().queryMetadataForKey(RecordStores.RECORD_ITEMS, survivor, KEYS);
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.activeHost() == null
                || metadata.activeHost().port() < 0) {
            throw new QueryException(503, QueryErrorCode.STORE_NOT_READY, "owner of the patient unknown during rebalance");
        }
        return metadata.activeHost().equals(self) ? Optional.empty() : Optional.of(metadata.activeHost());
    }

    /** Throws 503 unless this instance owns the patient right now. */
    public void requireLocal(String nhsNumber) {
        remoteOwner(nhsNumber).ifPresent(owner -> {
            throw new QueryException(503, QueryErrorCode.STORE_NOT_READY, "patient now owned by " + owner.host() + ":" + owner.port());
        });
    }

    private void requireRunning() {
        KafkaStreams.State state = streams.get().state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new QueryException(503, QueryErrorCode.STORE_NOT_READY, "record projector is " + state);
        }
    }
}
