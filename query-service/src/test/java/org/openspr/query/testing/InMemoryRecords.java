package org.openspr.query.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openspr.query.core.PatientView;
import org.openspr.query.core.RecordQuery;
import org.openspr.query.core.RecordSource;

/** Records held in memory, for resource tests; reads honour the requested sections as the store binding does. */
public final class InMemoryRecords implements RecordSource {
    private final Map<String, PatientView> byNumber = new ConcurrentHashMap<>();

    public InMemoryRecords put(PatientView view) {
        byNumber.put(view.requestedNhsNumber(), view);
        return this;
    }

    @Override
    public Optional<PatientView> read(String nhsNumber, RecordQuery query) {
        PatientView view = byNumber.get(nhsNumber);
        if (view == null) {
            return Optional.empty();
        }
        return Optional.of(new PatientView(view.requestedNhsNumber(), view.nhsNumber(), view.mergedNhsNumbers(),
                view.entries().stream().filter(e -> query.sections().contains(e.section())).toList()));
    }
}
