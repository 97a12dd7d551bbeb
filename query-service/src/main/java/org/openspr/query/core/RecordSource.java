package org.openspr.query.core;

import java.util.Optional;

/**
 * Where records come from. The one seam between policy/assembly and the projector's state stores, so that binding to
 * interactive queries (local or on another instance) is a single implementation.
 */
public interface RecordSource {
    /**
     * The patient's record, following merges to the survivor; empty when no record exists.
     *
     * @throws org.openspr.query.QueryException with status 503 when the stores are not ready (rebalance, restore):
     *                                          never an empty or partial record in that case
     */
    Optional<PatientView> read(String nhsNumber, RecordQuery query);
}
