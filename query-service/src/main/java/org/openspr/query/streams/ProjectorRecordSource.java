package org.openspr.query.streams;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.openspr.events.avro.ItemSource;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.avro.RecordSection;
import org.openspr.events.errors.SprException;
import org.openspr.projector.record.PatientRecordReader;
import org.openspr.projector.record.RecordHeader;
import org.openspr.projector.record.RecordStoreAccess;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;
import org.openspr.query.core.EntrySource;
import org.openspr.query.core.PatientView;
import org.openspr.query.core.RecordEntry;
import org.openspr.query.core.RecordQuery;
import org.openspr.query.core.RecordSource;
import org.openspr.query.core.Section;

/**
 * Records from the projector's state stores on this instance (interactive queries through the projector's
 * {@link PatientRecordReader}). Before reading it asks the router whether this instance still owns the patient: a
 * store that is restoring, rebalancing or owned elsewhere is a 503, never an empty or partial record.
 */
public final class ProjectorRecordSource implements RecordSource {
    private final PatientRecordReader reader;
    private final PatientRouter router;
    private final DecodedItems decoded;

    /** Reads through {@code stores}, decoding items with {@code decoded} (which may remember them). */
    public ProjectorRecordSource(RecordStoreAccess stores, PatientRouter router, DecodedItems decoded) {
        this.reader = new PatientRecordReader(stores);
        this.router = router;
        this.decoded = decoded;
    }

    @Override
    public Optional<PatientView> read(String nhsNumber, RecordQuery query) {
        try {
            router.requireLocal(nhsNumber);
            Set<RecordSection> sections = EnumSet.noneOf(RecordSection.class);
            query.sections().forEach(s -> sections.add(RecordSection.valueOf(s.name())));
            org.openspr.projector.record.RecordQuery wanted = new org.openspr.projector.record.RecordQuery(sections,
                    query.from(), query.to(), false);
            Map<RecordSection, List<RecordEntry>> bySection = new EnumMap<>(RecordSection.class);
            RecordHeader record = reader.visit(nhsNumber, sections, stored -> {
                DecodedItems.Decoded item = decoded.decode(stored);
                if (PatientRecordReader.wanted(item.item(), wanted)) {
                    bySection.computeIfAbsent(item.item().getSection(), s -> new ArrayList<>()).add(item.entry());
                }
            });
            // Nothing in the sections read is not the same as no record: only a patient with no items at all has none.
            boolean none = bySection.isEmpty() && !record.redirected() && !reader.hasItems(record);
            // Ownership may have moved while we read: re-check so a half-migrated store is never answered from.
            router.requireLocal(nhsNumber);
            if (none) {
                return Optional.empty();
            }
            List<RecordEntry> entries = new ArrayList<>();
            bySection.values().forEach(entries::addAll); // section by section, as the projector's record is organised
            return Optional.of(new PatientView(nhsNumber, record.nhsNumber(), record.mergedNhsNumbers(), entries));
        } catch (InvalidStateStoreException e) {
            throw new QueryException(e, 503, QueryErrorCode.STORE_NOT_READY, e.getMessage());
        } catch (SprException e) {
            if (e instanceof QueryException query503) {
                throw query503;
            }
            throw new QueryException(e, 503, QueryErrorCode.STORE_NOT_READY, e.getMessage());
        }
    }

    static RecordEntry entry(RecordItem item) {
        List<EntrySource> sources = new ArrayList<>(item.getSources().size());
        for (ItemSource source : item.getSources()) {
            sources.add(new EntrySource(source.getItemId(), source.getOdsCode(), source.getSystem(), source.getRecordedAt(),
                    source.getWithdrawn()));
        }
        return new RecordEntry(Section.valueOf(item.getSection().name()), item.getItemId(), item.getCurrent(),
                item.getEnteredInError(), item.getConflict(), item.getClinicalTime(), item.getSensitivity(), sources);
    }
}
