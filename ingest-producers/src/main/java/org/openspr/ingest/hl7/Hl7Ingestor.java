package org.openspr.ingest.hl7;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.openspr.events.avro.PatientIdentity;
import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.map.Digests;
import org.openspr.ingest.map.IngestRejection;
import org.openspr.ingest.map.ItemOutcome;
import org.openspr.ingest.map.MappedMessage;
import org.openspr.ingest.map.MessageContext;
import org.openspr.ingest.map.PatientKeys;
import org.openspr.ingest.map.SourceDefaults;
import org.openspr.ingest.map.TestNhsNumbers;

/** Decodes, parses and maps one HL7 v2 message; never throws for bad input, it returns a rejected message instead. */
public final class Hl7Ingestor {
    private static final Set<String> MERGES = Set.of("A18", "A30", "A34", "A35", "A36", "A39", "A40", "A41", "A42", "A47");

    /** A mapped message and the header the ACK is addressed from. */
    public record Result(MappedMessage mapped, MshHeader header) {
    }

    private final SourceDefaults defaults;
    private final boolean assignTestNhsNumbers;
    private final Hl7Parser parser = new Hl7Parser();

    public Hl7Ingestor(SourceDefaults defaults, boolean assignTestNhsNumbers) {
        this.defaults = defaults;
        this.assignTestNhsNumbers = assignTestNhsNumbers;
    }

    public Result ingest(byte[] bytes, Instant receivedAt) {
        String hash = Digests.shortSha256(bytes);
        String text;
        try {
            text = Hl7Parser.decode(bytes);
        } catch (IngestRejection rejection) {
            return rejected(MshHeader.UNKNOWN, context(MshHeader.UNKNOWN, hash, receivedAt), "", rejection);
        }
        MshHeader header = MshHeader.read(text);
        MessageContext ctx = context(header, hash, receivedAt);
        try {
            List<Hl7Segment> segments = parser.parse(text);
            return new Result(map(ctx, header, segments), header);
        } catch (IngestRejection rejection) {
            return rejected(header, ctx, text, rejection);
        }
    }

    private MappedMessage map(MessageContext ctx, MshHeader header, List<Hl7Segment> segments) {
        String code = header.messageCode();
        String trigger = header.triggerEvent();
        Hl7Run run = new Hl7Run(ctx, segments, trigger);
        if (code.equals("ADT") && MERGES.contains(trigger)) {
            MergeMapper.map(run);
            return run.finish();
        }
        if (!Set.of("ADT", "ORU", "MDM", "VXU", "RDE", "RDS", "RAS").contains(code)) {
            throw new IngestRejection("MSH-9", IngestErrorCode.HL7_UNSUPPORTED_TYPE, header.messageType());
        }
        Hl7Segment pid = run.first("PID");
        if (pid == null) {
            throw new IngestRejection("PID", IngestErrorCode.HL7_MISSING_SEGMENT, header.messageType(), "PID");
        }
        PatientIdentity patient = PidIdentity.from(ctx.sourceSystem(), pid, 3, 2);
        if (patient == null) {
            throw new IngestRejection("PID-3", IngestErrorCode.HL7_NO_PATIENT, header.messageType());
        }
        boolean assigned = false;
        if (patient.getNhsNumber() == null && assignTestNhsNumbers) {
            patient.setNhsNumber(TestNhsNumbers.forKey(PatientKeys.key(patient.getLocalIdentifiers().get(0))));
            assigned = true;
        }
        run.patient(patient, pid, assigned);
        switch (code) {
            case "ADT" -> AdtMapper.map(run);
            case "ORU" -> OruMapper.map(run);
            case "MDM" -> {
                Hl7Segment txa = run.first("TXA");
                if (txa == null) {
                    throw new IngestRejection("TXA", IngestErrorCode.HL7_MISSING_SEGMENT, header.messageType(), "TXA");
                }
                MdmMapper.map(run, txa);
            }
            case "VXU" -> VxuMapper.map(run);
            default -> PharmacyMapper.map(run);
        }
        return run.finish();
    }

    private MessageContext context(MshHeader header, String hash, Instant receivedAt) {
        String source = header.sourceSystem() != null ? header.sourceSystem() : defaults.sourceSystem();
        // MSH-4 may be "^" alone, or use the message's own component separator
        String facility = header.sendingFacilityId();
        String ods = !facility.isEmpty() ? facility : defaults.odsCode();
        String messageId = header.controlId().isEmpty() ? "sha256:" + hash : header.controlId();
        // the content hash, not MSH-10/MSH-7: senders reuse control ids (counters restart, samples share MSG00001), while a
        // re-send of the same message is byte-identical and so gets the same event ids
        String version = hash;
        String type = header.messageType().isEmpty() ? "HL7v2" : header.messageType();
        return new MessageContext(source, ods, type, messageId, version, receivedAt, Hl7Time.instant(header.dateTime()));
    }

    /** A rejected message: every segment line is accounted as rejected with the same reason. */
    private static Result rejected(MshHeader header, MessageContext ctx, String text, IngestRejection rejection) {
        MappedMessage out = new MappedMessage(ctx);
        out.reject(rejection);
        int n = 0;
        for (String line : text.split("\r")) {
            if (!line.isBlank()) {
                String name = line.length() >= 3 ? line.substring(0, 3) : line;
                out.addOutcome(ItemOutcome.rejected("segment " + (++n), name, rejection));
            }
        }
        return new Result(out, header);
    }
}
