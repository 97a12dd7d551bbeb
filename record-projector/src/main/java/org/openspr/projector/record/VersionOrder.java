package org.openspr.projector.record;

import java.util.Comparator;
import org.openspr.events.avro.ClinicalEvent;

/**
 * Which of two versions of an item is newer: versionedAt, then the source's version id (numerically when both are
 * numbers), then the kind of change (a withdrawal outranks an amendment outranks a recording at the same instant),
 * then the event id so that the order is total and does not depend on arrival order.
 */
public final class VersionOrder {
    public static final Comparator<ClinicalEvent> OLDEST_FIRST = Comparator
            .comparing(ClinicalEvent::getVersionedAt)
            .thenComparing(ClinicalEvent::getSourceVersion, VersionOrder::compareSourceVersions)
            .thenComparing(event -> event.getChange().ordinal())
            .thenComparing(ClinicalEvent::getEventId);

    private VersionOrder() {
    }

    public static boolean isNewer(ClinicalEvent candidate, ClinicalEvent than) {
        return than == null || OLDEST_FIRST.compare(candidate, than) > 0;
    }

    static int compareSourceVersions(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (isDigits(a) && isDigits(b)) {
            int byLength = Integer.compare(stripZeros(a).length(), stripZeros(b).length());
            return byLength != 0 ? byLength : stripZeros(a).compareTo(stripZeros(b));
        }
        return a.compareTo(b);
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
