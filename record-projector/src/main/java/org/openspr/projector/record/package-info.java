/**
 * The record view: items of a patient's record under composite keys in RocksDB, and the read API the query service
 * uses.
 *
 * <h2>Reading from the query service</h2>
 * <ol>
 *   <li>Find the survivor: {@link org.openspr.projector.record.PatientRecordReader#survivorOf} reads the global
 *       {@link org.openspr.projector.record.RecordStores#PATIENT_MERGES} store, present in full on every instance.</li>
 *   <li>Find who holds a number's items: {@code streams.queryMetadataForKey(RecordStores.RECORD_ITEMS, nhsNumber,
 *       Serdes.String().serializer())}. Its {@code activeHost()} (set by {@code application.server}) is the instance
 *       to ask; {@code standbyHosts()} may answer stale reads while it restores. Items are partitioned by NHS number
 *       on the {@code record-events-by-nhs-number} repartition topic, which is what that call hashes.</li>
 *   <li>Give the reader a {@link org.openspr.projector.record.RecordStoreAccess} that returns the local store when
 *       this instance is the active host for that number (in one process, always: see
 *       {@code org.openspr.projector.app.LocalRecordStores}) and otherwise forwards the request to the owner.</li>
 * </ol>
 */
package org.openspr.projector.record;
