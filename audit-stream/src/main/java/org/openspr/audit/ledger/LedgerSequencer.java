package org.openspr.audit.ledger;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.openspr.audit.merkle.MerkleHashes;
import org.openspr.events.avro.LedgerCheckpoint;
import org.openspr.events.avro.LedgerEntry;
import org.openspr.events.avro.RecordAccessed;

/**
 * Appends each audit event of its partition to that partition's hash chain and Merkle tree, and signs a checkpoint
 * when the {@link CheckpointPolicy} says so. One instance per task = per audit-events partition; under
 * exactly-once the entry, the checkpoint and the state update commit together or not at all.
 */
public final class LedgerSequencer implements Processor<String, RecordAccessed, String, SpecificRecord> {
    private final String stateStoreName;
    private final String ledgerSinkName;
    private final String checkpointSinkName;
    private final String eventTopic;
    private final Serializer<RecordAccessed> eventSerializer;
    private final CheckpointSigner signer;
    private final CheckpointPolicy policy;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<Integer, byte[]> store;
    private int partition;

    public LedgerSequencer(LedgerTopologyNames names, String eventTopic, Serializer<RecordAccessed> eventSerializer,
            CheckpointSigner signer, CheckpointPolicy policy) {
        this.stateStoreName = names.stateStore();
        this.ledgerSinkName = names.ledgerSink();
        this.checkpointSinkName = names.checkpointSink();
        this.eventTopic = eventTopic;
        this.eventSerializer = eventSerializer;
        this.signer = signer;
        this.policy = policy;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(stateStoreName);
        // Tasks are per input partition, and the ledger chain is per partition: the task's partition is the chain.
        this.partition = context.taskId().partition();
        context.schedule(policy.interval(), PunctuationType.WALL_CLOCK_TIME, now -> {
            LedgerState state = load();
            if (state.entriesSinceCheckpoint() > 0) {
                checkpoint(state, now, now);
                store.put(partition, state.toBytes());
            }
        });
    }

    @Override
    public void process(Record<String, RecordAccessed> record) {
        LedgerState state = load();
        RecordAccessed event = record.value();
        LedgerEntry entry = LedgerEntry.newBuilder()
                .setLedgerPartition(partition)
                .setSequence(state.nextSequence())
                .setSourceOffset(context.recordMetadata().map(RecordMetadata::offset).orElse(-1L))
                .setKey(record.key() == null ? "" : record.key())
                .setAuditId(event.getAuditId())
                .setOccurredAt(event.getOccurredAt())
                .setEvent(ByteBuffer.wrap(eventSerializer.serialize(eventTopic, event)))
                .setPreviousHash(ByteBuffer.wrap(state.lastEntryHash()))
                .setEntryHash(ByteBuffer.allocate(0))
                .build();
        byte[] canonical = LedgerCanonicalForm.bytes(entry);
        byte[] entryHash = MerkleHashes.sha256(canonical);
        entry.setEntryHash(ByteBuffer.wrap(entryHash));
        state.append(entryHash, MerkleHashes.leafHash(canonical));
        context.forward(new Record<String, SpecificRecord>(entry.getKey(), entry, record.timestamp(), record.headers()), ledgerSinkName);
        if (state.entriesSinceCheckpoint() >= policy.everyEntries()) {
            checkpoint(state, context.currentSystemTimeMs(), record.timestamp());
        }
        store.put(partition, state.toBytes());
    }

    private void checkpoint(LedgerState state, long wallClockMs, long recordTimestamp) {
        byte[] root = state.root();
        LedgerCheckpoint checkpoint = signer.sign(partition, state.nextSequence(), root, state.lastEntryHash(),
                state.checkpointTreeSize(), state.checkpointRoot(), Instant.ofEpochMilli(wallClockMs));
        context.forward(new Record<String, SpecificRecord>(Integer.toString(partition), checkpoint, recordTimestamp), checkpointSinkName);
        state.checkpointed(state.nextSequence(), root);
    }

    private LedgerState load() {
        byte[] bytes = store.get(partition);
        return bytes == null ? LedgerState.empty() : LedgerState.fromBytes(bytes);
    }
}
