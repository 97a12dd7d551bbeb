package org.openspr.audit.ledger;

/** Names of the ledger's processor, store and sinks: fixed, because state and offsets are tied to them. */
public record LedgerTopologyNames(String processor, String stateStore, String ledgerSink, String checkpointSink) {
    public static final LedgerTopologyNames DEFAULT = new LedgerTopologyNames(
            "ledger-sequencer", "audit-ledger-state", "ledger-sink", "checkpoint-sink");
}
