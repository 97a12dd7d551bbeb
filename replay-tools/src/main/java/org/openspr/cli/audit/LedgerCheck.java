package org.openspr.cli.audit;

import java.time.Duration;
import org.openspr.audit.ledger.CheckpointSignatures;
import org.openspr.audit.verify.KafkaLedgerReader;
import org.openspr.audit.verify.LedgerSnapshot;
import org.openspr.audit.verify.LedgerVerifier;
import org.openspr.audit.verify.ProgressListener;
import org.openspr.audit.verify.VerificationReport;
import org.openspr.cli.KafkaOptions;
import org.openspr.events.topics.Topics;

/** Reads the ledger and its checkpoints from the cluster and verifies them with the ledger's public key. */
final class LedgerCheck {
    private final LedgerSnapshot snapshot;
    private final LedgerVerifier verifier;

    LedgerCheck(KafkaOptions kafka, LedgerKeyOptions key, Topics topics) {
        this.snapshot = new KafkaLedgerReader(kafka.clientProperties(), Duration.ofSeconds(60))
                .read(Topics.AUDIT_LEDGER.name(), Topics.AUDIT_CHECKPOINTS.name());
        this.verifier = new LedgerVerifier(new CheckpointSignatures(key.load()), topics);
    }

    LedgerSnapshot snapshot() {
        return snapshot;
    }

    VerificationReport verify(ProgressListener progress) {
        return verifier.verify(snapshot, progress);
    }
}
