package org.openspr.audit.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openspr.audit.AuditErrorCode;
import org.openspr.audit.merkle.MerkleProofs;
import org.openspr.audit.support.AuditEvents;
import org.openspr.audit.support.TopologyHarness;
import org.openspr.audit.verify.LedgerIssue;
import org.openspr.audit.verify.LedgerRecord;
import org.openspr.audit.verify.LedgerSnapshot;
import org.openspr.audit.verify.LedgerVerifier;
import org.openspr.audit.verify.ProgressListener;
import org.openspr.audit.verify.VerificationReport;
import org.openspr.events.avro.LedgerCheckpoint;
import org.openspr.events.avro.LedgerEntry;
import org.openspr.events.topics.Topics;

class LedgerTopologyTest {
    private static final KeyPair KEYS = SigningKeys.generate();
    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = TopologyHarness.withPolicy(KEYS, 10);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void shouldChainEveryEntryToThePreviousOneAndSignACheckpointEveryNEntries() {
        pipe(25);

        List<LedgerEntry> entries = entries(harness.snapshot());
        List<LedgerCheckpoint> checkpoints = checkpoints(harness.snapshot());

        assertThat(entries).extracting(LedgerEntry::getSequence).containsExactlyElementsOf(range(25));
        assertThat(Bytes.of(entries.get(0).getPreviousHash())).isEqualTo(LedgerCanonicalForm.GENESIS_HASH);
        for (int i = 0; i < entries.size(); i++) {
            assertThat(Bytes.of(entries.get(i).getEntryHash())).isEqualTo(LedgerCanonicalForm.entryHash(entries.get(i)));
            if (i > 0) {
                assertThat(entries.get(i).getPreviousHash()).isEqualTo(entries.get(i - 1).getEntryHash());
            }
        }
        assertThat(checkpoints).extracting(LedgerCheckpoint::getTreeSize).containsExactly(10L, 20L);
        List<byte[]> leaves = entries.stream().map(LedgerCanonicalForm::leafHash).toList();
        assertThat(Bytes.of(checkpoints.get(1).getRootHash())).isEqualTo(MerkleProofs.root(leaves, 0, 20));
        assertThat(checkpoints.get(1).getPreviousTreeSize()).isEqualTo(10L);
        assertThat(checkpoints.get(1).getPreviousRootHash()).isEqualTo(checkpoints.get(0).getRootHash());
    }

    @Test
    void shouldSealTheRemainderWhenTheIntervalPasses() {
        pipe(25);
        harness.driver.advanceWallClockTime(Duration.ofMinutes(1));

        List<LedgerCheckpoint> checkpoints = checkpoints(harness.snapshot());

        assertThat(checkpoints).extracting(LedgerCheckpoint::getTreeSize).containsExactly(10L, 20L, 25L);
        VerificationReport report = verifier(KEYS).verify(harness.snapshot(), ProgressListener.NONE);
        assertThat(report.passed()).as(report.describe()).isTrue();
        assertThat(report.partitions().get(0).unsealedEntries()).isZero();
    }

    @Test
    void shouldPassVerificationOfAnUntouchedLedger() {
        pipe(25);

        VerificationReport report = verifier(KEYS).verify(harness.snapshot(), ProgressListener.NONE);

        assertThat(report.passed()).as(report.describe()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(25);
        assertThat(report.partitions().get(0).sealedTreeSize()).isEqualTo(20);
        assertThat(report.partitions().get(0).unsealedEntries()).isEqualTo(5);
    }

    @Test
    void shouldLocateAnEntryWhoseEventWasEdited() {
        pipe(25);
        LedgerSnapshot snapshot = harness.snapshot();
        List<LedgerRecord> records = new ArrayList<>(snapshot.entries().get(0));
        LedgerEntry edited = decode(records.get(7));
        byte[] event = Bytes.of(edited.getEvent());
        event[event.length - 3] ^= 0x01;
        edited.setEvent(ByteBuffer.wrap(event));
        records.set(7, new LedgerRecord(0, 7, harness.topics.auditLedger().valueSerde().serializer().serialize("t", edited)));

        VerificationReport report = verifier(KEYS).verify(new LedgerSnapshot(java.util.Map.of(0, records), snapshot.checkpoints()),
                ProgressListener.NONE);

        assertThat(report.passed()).isFalse();
        LedgerIssue first = report.firstIssue().orElseThrow();
        assertThat(first.code()).isEqualTo(AuditErrorCode.ENTRY_ALTERED);
        assertThat(first.offset()).isEqualTo(7);
        assertThat(first.sequence()).isEqualTo(7);
        assertThat(first.message()).startsWith("SPR-5101: Ledger partition 0 offset 7");
        assertThat(report.issues()).extracting(LedgerIssue::code).contains(AuditErrorCode.CHECKPOINT_ROOT_MISMATCH);
    }

    @Test
    void shouldLocateARemovedEntry() {
        pipe(25);
        LedgerSnapshot snapshot = harness.snapshot();
        List<LedgerRecord> records = new ArrayList<>(snapshot.entries().get(0));
        records.remove(12);

        VerificationReport report = verifier(KEYS).verify(new LedgerSnapshot(java.util.Map.of(0, records), snapshot.checkpoints()),
                ProgressListener.NONE);

        LedgerIssue first = report.firstIssue().orElseThrow();
        assertThat(first.code()).isEqualTo(AuditErrorCode.ENTRY_REMOVED);
        assertThat(first.offset()).isEqualTo(13);
        assertThat(first.message()).contains("sequence 13 follows 11");
    }

    @Test
    void shouldNoticeEntriesCutFromTheEndThatACheckpointCovers() {
        pipe(25);
        LedgerSnapshot snapshot = harness.snapshot();
        List<LedgerRecord> truncated = new ArrayList<>(snapshot.entries().get(0).subList(0, 15));

        VerificationReport report = verifier(KEYS).verify(new LedgerSnapshot(java.util.Map.of(0, truncated), snapshot.checkpoints()),
                ProgressListener.NONE);

        assertThat(report.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo(AuditErrorCode.CHECKPOINT_BEYOND_LEDGER);
            assertThat(issue.sequence()).isEqualTo(15);
            assertThat(issue.message()).startsWith("SPR-5112: Checkpoint of ledger partition 0 at tree size 20");
        });
    }

    @Test
    void shouldLocateSwappedEntries() {
        pipe(25);
        LedgerSnapshot snapshot = harness.snapshot();
        List<LedgerRecord> records = new ArrayList<>(snapshot.entries().get(0));
        LedgerRecord fifth = records.get(5);
        records.set(5, new LedgerRecord(0, 5, records.get(6).value()));
        records.set(6, new LedgerRecord(0, 6, fifth.value()));

        VerificationReport report = verifier(KEYS).verify(new LedgerSnapshot(java.util.Map.of(0, records), snapshot.checkpoints()),
                ProgressListener.NONE);

        assertThat(report.issues()).extracting(LedgerIssue::code, LedgerIssue::offset).startsWith(
                org.assertj.core.groups.Tuple.tuple(AuditErrorCode.ENTRY_REMOVED, 5L),
                org.assertj.core.groups.Tuple.tuple(AuditErrorCode.ENTRY_OUT_OF_ORDER, 6L));
    }

    @Test
    void shouldNoticeARemovedCheckpoint() {
        pipe(25);
        harness.driver.advanceWallClockTime(Duration.ofMinutes(1));
        LedgerSnapshot snapshot = harness.snapshot();
        List<LedgerRecord> checkpoints = new ArrayList<>(snapshot.checkpoints().get(0));
        checkpoints.remove(1);

        VerificationReport report = verifier(KEYS).verify(new LedgerSnapshot(snapshot.entries(), java.util.Map.of(0, checkpoints)),
                ProgressListener.NONE);

        assertThat(report.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo(AuditErrorCode.CHECKPOINT_CHAIN_BROKEN);
            assertThat(issue.message()).contains("tree size 25 names previous tree size 20, the checkpoint before it has 10");
        });
    }

    @Test
    void shouldRejectCheckpointsWhenVerifiedWithAnotherKey() {
        pipe(25);

        VerificationReport report = verifier(SigningKeys.generate()).verify(harness.snapshot(), ProgressListener.NONE);

        assertThat(report.issues()).hasSize(2).extracting(LedgerIssue::code).containsOnly(AuditErrorCode.CHECKPOINT_BAD_SIGNATURE);
    }

    private void pipe(int count) {
        for (int i = 0; i < count; i++) {
            harness.pipe(AuditEvents.read("U" + (i % 3), AuditEvents.nhsNumber(i % 5), AuditEvents.T0.plusSeconds(i)).build());
        }
    }

    private LedgerVerifier verifier(KeyPair keys) {
        return new LedgerVerifier(new CheckpointSignatures(keys.getPublic()), harness.topics);
    }

    private LedgerEntry decode(LedgerRecord record) {
        return harness.topics.auditLedger().valueSerde().deserializer().deserialize(Topics.AUDIT_LEDGER.name(), record.value());
    }

    private List<LedgerEntry> entries(LedgerSnapshot snapshot) {
        return snapshot.entries().get(0).stream().map(this::decode).toList();
    }

    private List<LedgerCheckpoint> checkpoints(LedgerSnapshot snapshot) {
        return snapshot.checkpoints().get(0).stream().map(r -> harness.topics.auditCheckpoints().valueSerde().deserializer()
                .deserialize(Topics.AUDIT_CHECKPOINTS.name(), r.value())).toList();
    }

    private static List<Long> range(int n) {
        List<Long> list = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }
}
