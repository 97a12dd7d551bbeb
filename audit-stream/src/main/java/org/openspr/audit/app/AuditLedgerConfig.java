package org.openspr.audit.app;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.openspr.audit.alerts.AlertRules;
import org.openspr.audit.ledger.CheckpointPolicy;

/**
 * Everything the audit stream needs to run.
 *
 * @param bootstrapServers   Kafka bootstrap servers
 * @param schemaRegistryUrl  schema registry URL (Confluent REST API)
 * @param applicationId      Kafka Streams application id: group id and prefix of internal topics; keep it stable
 * @param stateDir           Kafka Streams state directory; keep it next to the broker data (see STACK.md)
 * @param signingKey         Ed25519 key pair checkpoints are signed with ({@code SigningKeys.readOrGenerate})
 * @param checkpoints        when to sign a checkpoint
 * @param alertRules         alert thresholds
 * @param replicationFactor  replication factor for topics the app creates if missing (1 locally)
 * @param streamsOverrides   extra Kafka Streams settings (num.stream.threads, commit.interval.ms) and the cluster's
 *                           security settings (also given to the admin client); they cannot change the application
 *                           id, bootstrap servers, state directory or exactly-once
 * @param ledgerOnly         run only the ledger, without access-log projections and alerts (another app runs those)
 */
public record AuditLedgerConfig(String bootstrapServers, String schemaRegistryUrl, String applicationId, Path stateDir,
        KeyPair signingKey, CheckpointPolicy checkpoints, AlertRules alertRules, short replicationFactor,
        Map<String, Object> streamsOverrides, boolean ledgerOnly) {

    public static final String DEFAULT_APPLICATION_ID = "spr-audit-stream";

    /** Defaults for a local single-broker run: default checkpoint policy and alert rules, replication factor 1. */
    public static AuditLedgerConfig local(String bootstrapServers, String schemaRegistryUrl, Path stateDir, KeyPair signingKey) {
        return new AuditLedgerConfig(bootstrapServers, schemaRegistryUrl, DEFAULT_APPLICATION_ID, stateDir, signingKey,
                CheckpointPolicy.defaults(), AlertRules.defaults(), (short) 1, Map.of(), false);
    }

    public AuditLedgerConfig withCheckpoints(CheckpointPolicy policy) {
        return new AuditLedgerConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, signingKey, policy, alertRules,
                replicationFactor, streamsOverrides, ledgerOnly);
    }

    public AuditLedgerConfig withAlertRules(AlertRules rules) {
        return new AuditLedgerConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, signingKey, checkpoints, rules,
                replicationFactor, streamsOverrides, ledgerOnly);
    }

    public AuditLedgerConfig withStreamsOverrides(Map<String, Object> overrides) {
        return new AuditLedgerConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, signingKey, checkpoints, alertRules,
                replicationFactor, overrides, ledgerOnly);
    }

    public AuditLedgerConfig withLedgerOnly(boolean only) {
        return new AuditLedgerConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, signingKey, checkpoints, alertRules,
                replicationFactor, streamsOverrides, only);
    }
}
