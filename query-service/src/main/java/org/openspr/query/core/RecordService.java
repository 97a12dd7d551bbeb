package org.openspr.query.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.openspr.events.avro.AuditAction;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.events.errors.SprException;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;
import org.openspr.query.audit.AccessAudit;

/**
 * The one path by which patient data leaves the service: read, decide, filter, audit, release. The audit event is
 * acknowledged before anything is returned; a denial or a missing record is audited and then thrown.
 */
public final class RecordService {
    private final RecordSource source;
    private final AccessPolicy policy;
    private final AccessAudit audit;

    public RecordService(RecordSource source, AccessPolicy policy, AccessAudit audit) {
        this.source = source;
        this.policy = policy;
        this.audit = audit;
    }

    /** What a request asks for. {@code from}/{@code to} bound clinical time (inclusive); null means open. */
    public record Request(String nhsNumber, Set<Section> sections, Instant from, Instant to, String breakGlassReason,
                          AuditAction action, String operation, String query, UnaryOperator<List<RecordEntry>> select) {

        public Request(String nhsNumber, Set<Section> sections, Instant from, Instant to, String breakGlassReason,
                       AuditAction action, String operation, String query) {
            this(nhsNumber, sections, from, to, breakGlassReason, action, operation, query, UnaryOperator.identity());
        }
    }

    public ReleasedRecord read(Caller caller, Request request) {
        String nhsNumber = validNhsNumber(request.nhsNumber());
        // Unbounded in time: an open encounter that started long ago is still a relationship.
        Optional<PatientView> view = source.read(nhsNumber,
                new RecordQuery(policy.sectionsToRead(caller, request.sections()), null, null));
        AccessDecision decision = policy.decideRecord(caller, nhsNumber, view, request.sections(), request.breakGlassReason());
        if (!decision.permitted()) {
            audit.record(caller, decision, new AccessAudit.Access(request.action(), request.operation(), request.query(),
                    nhsNumber, view.map(PatientView::nhsNumber).orElse(nhsNumber), request.sections().stream().map(Enum::name).toList(),
                    0, 0, List.of()));
            throw new DeniedException(decision);
        }
        List<RecordEntry> released = new ArrayList<>();
        int withheld = 0;
        for (RecordEntry entry : view.get().entries()) {
            if (!inTime(entry, request.from(), request.to())) {
                continue;
            }
            if (decision.releases(entry)) {
                released.add(entry);
            } else if (decision.withholds(entry)) {
                withheld++;
            }
        }
        // Paging happens before the audit, so the event counts exactly what this response carries.
        released = request.select().apply(released);
        Set<String> labels = new TreeSet<>();
        released.forEach(entry -> labels.addAll(entry.labelCodes()));
        audit.record(caller, decision, new AccessAudit.Access(request.action(), request.operation(), request.query(), nhsNumber,
                view.get().nhsNumber(), decision.sections().stream().map(Enum::name).toList(), released.size(), withheld, labels));
        return new ReleasedRecord(view.get(), decision, released, withheld);
    }

    private static boolean inTime(RecordEntry entry, Instant from, Instant to) {
        if (from == null && to == null) {
            return true;
        }
        Instant time = entry.clinicalTime();
        return time != null && (from == null || !time.isBefore(from)) && (to == null || !time.isAfter(to));
    }

    static String validNhsNumber(String raw) {
        try {
            return NhsNumber.requireValid(raw);
        } catch (SprException e) {
            throw new QueryException(e, 400, QueryErrorCode.BAD_NHS_NUMBER, e.getMessage());
        }
    }
}
