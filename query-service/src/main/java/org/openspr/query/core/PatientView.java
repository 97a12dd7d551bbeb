package org.openspr.query.core;

import java.util.List;

/**
 * A patient's record as read from the stores, before any access decision.
 *
 * @param requestedNhsNumber the number asked for
 * @param nhsNumber          the number the record is filed under: the survivor when the requested one was merged
 * @param mergedNhsNumbers   numbers merged into this record
 * @param entries            the items read, in section then item order
 */
public record PatientView(String requestedNhsNumber, String nhsNumber, List<String> mergedNhsNumbers,
                          List<RecordEntry> entries) {

    public PatientView {
        mergedNhsNumbers = List.copyOf(mergedNhsNumbers);
        entries = List.copyOf(entries);
    }

    /** True when the requested number was superseded by a merge and this is the survivor's record. */
    public boolean redirected() {
        return !requestedNhsNumber.equals(nhsNumber);
    }

    /** True when this NHS number is the record's own, the requested one or one merged into it. */
    public boolean belongsTo(String number) {
        return nhsNumber.equals(number) || requestedNhsNumber.equals(number) || mergedNhsNumbers.contains(number);
    }
}
