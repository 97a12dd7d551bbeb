package org.openspr.projector.record;

import java.util.List;
import java.util.Map;

/**
 * What a read knows about a record besides its items (see {@link PatientRecordReader#visit}).
 *
 * @param requestedNhsNumber the number that was asked for
 * @param nhsNumber          the number the record is filed under: the survivor if the requested one was merged
 * @param mergedNhsNumbers   numbers merged into this record (their items are included)
 * @param unappliedEvents    events of this patient that failed to apply (event id to reason)
 */
public record RecordHeader(String requestedNhsNumber, String nhsNumber, List<String> mergedNhsNumbers,
                           Map<String, String> unappliedEvents) {

    /** True when the requested number was superseded by a merge. */
    public boolean redirected() {
        return !requestedNhsNumber.equals(nhsNumber);
    }
}
