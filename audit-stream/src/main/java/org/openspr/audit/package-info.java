/**
 * The audit stream: a tamper-evident ledger of every access decision, the access-log projections and the alerts.
 *
 * <h2>Ledger</h2>
 * {@link org.openspr.audit.ledger.LedgerSequencer} appends each event of {@code spr.audit.events} partition p to
 * chain p in {@code spr.audit.ledger} partition p: entry = {@code LedgerEntry} (sequence, source offset, key,
 * auditId, occurredAt, the event's Confluent wire-format bytes, previousHash, entryHash). entryHash = SHA-256 of the
 * canonical bytes ({@link org.openspr.audit.ledger.LedgerCanonicalForm}); the partition's RFC 6962 Merkle tree has
 * leaf i = SHA-256(0x00 || canonical bytes of entry i). Every N entries or T seconds a {@code LedgerCheckpoint} (tree
 * size, root, last entry hash, previous checkpoint's size and root, Ed25519 signature over
 * {@link org.openspr.audit.ledger.CheckpointCanonicalForm}) goes to {@code spr.audit.checkpoints} partition p. The
 * sequencer's state per partition is O(log n): chain head, Merkle frontier, last checkpoint.
 *
 * <h2>Verification ({@code spr verify audit})</h2>
 * <pre>
 *   Topics topics = Topics.create(new RestSchemaRegistryClient(registryUrl));
 *   LedgerSnapshot snapshot = new KafkaLedgerReader(bootstrap, Duration.ofMinutes(5))
 *           .read(Topics.AUDIT_LEDGER.name(), Topics.AUDIT_CHECKPOINTS.name());
 *   VerificationReport report = new LedgerVerifier(new CheckpointSignatures(SigningKeys.readPublicKey(pubPem)), topics)
 *           .verify(snapshot, (partition, done, total) -&gt; progressBar.update(partition, done, total));
 *   System.out.println(report.describe());   // exit code: report.passed() ? 0 : 1
 *   EntryInclusionProof proof = new InclusionProver(verifier).prove(snapshot, auditId);   // --entry AUDIT_ID
 * </pre>
 *
 * <h2>Replay ({@code spr replay audit --patient/--user --from --to})</h2>
 * {@link org.openspr.audit.replay.AuditReplay#replay} reads the ledger and returns matching events oldest first;
 * print as a table or, with {@link org.openspr.audit.fhir.BalpAuditEventRenderer#toNdjsonLine}, as FHIR AuditEvent
 * NDJSON.
 *
 * <h2>Reader API (query service)</h2>
 * {@link org.openspr.audit.projection.AuditLogReader} over the stores of a running
 * {@link org.openspr.audit.app.AuditLedgerApp} ({@code app.reader()}).
 */
package org.openspr.audit;
