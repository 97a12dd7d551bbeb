package org.openspr.ingest.bulk;

/**
 * What a bulk import did. Items are FHIR resources or HL7 segments: {@code items = recorded + notRecorded + rejected}.
 *
 * @param files            files imported in this run
 * @param filesSkipped     files skipped because the checkpoint says an earlier run finished them
 * @param messages         messages (bundles, NDJSON lines, HL7 messages) committed to Kafka, rejected ones included
 * @param messagesRejected messages rejected as a whole (on the dead-letter topic)
 * @param messagesFailed   messages that could not be written to Kafka (not stored: re-run the import)
 * @param recorded         items that became events
 * @param notRecorded      items deliberately not recorded (e.g. Claim), each with a reason
 * @param rejected         items rejected, each with a reason
 * @param clinicalEvents   clinical events published
 * @param identityEvents   identity events published
 */
public record ImportSummary(int files, int filesSkipped, long messages, long messagesRejected, long messagesFailed, long recorded,
                            long notRecorded, long rejected, long clinicalEvents, long identityEvents) {

    public long items() {
        return recorded + notRecorded + rejected;
    }

    public boolean complete() {
        return messagesFailed == 0;
    }
}
