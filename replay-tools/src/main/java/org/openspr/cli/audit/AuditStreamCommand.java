package org.openspr.cli.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.openspr.audit.alerts.AlertRules;
import org.openspr.audit.app.AuditLedgerApp;
import org.openspr.audit.app.AuditLedgerConfig;
import org.openspr.audit.ledger.CheckpointPolicy;
import org.openspr.audit.ledger.SigningKeys;
import org.openspr.cli.KafkaOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spr audit-stream}: runs the audit ledger, access-log projections and alerts as a service against a cluster. */
@Command(name = "audit-stream", mixinStandardHelpOptions = true,
        description = "Run the audit stream (ledger, signed checkpoints, access-log projections, alerts) against a Kafka cluster.")
public final class AuditStreamCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--state-dir", required = true, description = "RocksDB state directory (keep it on a volume).")
    Path stateDir;

    @Option(names = "--signing-key", required = true,
            description = "PEM file with the ledger's Ed25519 private and public key (generated, with FILE.pub beside it, if missing).")
    Path signingKey;

    @Option(names = "--replication-factor", defaultValue = "3", description = "Replication of internal topics. Default: ${DEFAULT-VALUE}")
    short replicationFactor;

    @Option(names = "--application-id", defaultValue = AuditLedgerConfig.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application id. Default: ${DEFAULT-VALUE}")
    String applicationId;

    @Override
    public Integer call() throws InterruptedException {
        AuditLedgerConfig config = new AuditLedgerConfig(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), applicationId, stateDir,
                SigningKeys.readOrGenerate(signingKey), CheckpointPolicy.defaults(), AlertRules.defaults(), replicationFactor,
                streamsOverrides(), false);
        AuditLedgerApp app = new AuditLedgerApp(config).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "spr-audit-stream-shutdown"));
        app.awaitRunning(Duration.ofMinutes(5));
        System.out.println("spr audit-stream: ready (application id " + applicationId + ", key id "
                + SigningKeys.keyId(SigningKeys.readPublicKey(SigningKeys.publicKeyFileFor(signingKey))) + ")");
        stopped.await();
        return 0;
    }

    // --kafka-config (security settings) and the replication factor of internal topics
    private Map<String, Object> streamsOverrides() {
        Map<String, Object> overrides = new java.util.HashMap<>(kafka.extraProperties());
        overrides.put("replication.factor", (int) replicationFactor);
        return overrides;
    }
}
