package org.openspr.cli;

import org.openspr.events.errors.ErrorCode;

/** Error codes of the {@code spr} CLI (6000-6999), documented in docs/error-codes.md. Never renumber. */
public enum CliErrorCode implements ErrorCode {
    REBUILD_TARGET_EXISTS(6001, "Application id %s already has state in the cluster (consumer group offsets); choose a fresh --application-id"),
    REBUILD_SAME_AS_LIVE(6002, "Application id %s is the one serving reads now; a rebuild needs a fresh id"),
    REBUILD_TIMED_OUT(6003, "The rebuild under %s did not catch up within %s (%d records still to process)"),
    REBUILD_FAILED(6004, "The rebuild under %s stopped: Streams state %s"),
    REBUILD_MISMATCH(6005, "The rebuilt view %s differs from the live view %s in %d entries after %d attempts; first: %s"),
    SWITCH_TARGET_UNKNOWN(6006, "Application id %s has no state in the cluster to switch to"),
    SWITCH_NOT_CONFIRMED(6007, "Readers were told to switch to %s but did not within %s (members: %s=%d, %s=%d)"),
    KAFKA_UNREACHABLE(6008, "No Kafka cluster answered at %s within %d s%s; is 'spr local' running? Otherwise pass "
            + "--bootstrap-servers (or set SPR_BOOTSTRAP_SERVERS), and --kafka-config for its security settings");

    private final int number;
    private final String template;

    CliErrorCode(int number, String template) {
        this.number = number;
        this.template = template;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String template() {
        return template;
    }
}
