package org.openspr.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.openspr.query.core.ReleasedRecord;

/**
 * How this answer was granted and what it leaves out, shown with every record.
 *
 * @param basis                LEGITIMATE_RELATIONSHIP, BREAK_GLASS or PATIENT_SELF
 * @param breakGlass           true when the answer was released by breaking glass (and alerted in audit)
 * @param withheld             the confidential-items notice, or null when nothing was withheld
 * @param sectionsNotPermitted requested sections this role may not see
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AccessView(String basis, boolean breakGlass, String purposeOfUse, WithheldNotice withheld,
                         List<String> sectionsNotPermitted) {

    /** Like GP Connect's confidential-items warning: a count and a sentence, never what was withheld. */
    public record WithheldNotice(int count, String message) {
    }

    static AccessView of(ReleasedRecord record) {
        WithheldNotice withheld = record.withheldCount() == 0 ? null : new WithheldNotice(record.withheldCount(),
                "Items excluded due to confidentiality and/or patient preferences: " + record.withheldCount());
        return new AccessView(record.decision().basis().name(), record.decision().breakGlass(),
                record.decision().purposeOfUse().getCode(), withheld,
                record.decision().sectionsNotPermitted().stream().map(Enum::name).toList());
    }
}
