package org.openspr.ingest.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.map.IngestRejection;
import org.openspr.ingest.map.Utf8;

/**
 * Parses HL7 v2.3-2.5.1 (and later versions, read as 2.5.1) into v2.5.1 structures, without validation: feeds send
 * what they send, and the mappers decide what they need.
 * <p>
 * Safe for concurrent use. HAPI's {@link PipeParser} is not: it fills its structure-definition cache in a plain
 * {@code HashMap} on first sight of each message structure, and two threads doing that at once fail the parse of a
 * valid message. So each parse borrows a parser of its own from a pool, which grows to the number of messages parsed
 * at once (one per MLLP connection or HTTP thread) and keeps its parsers' caches warm across connections.
 */
final class Hl7Parser {
    private final Deque<PipeParser> idle = new ConcurrentLinkedDeque<>();

    private static PipeParser newParser() {
        HapiContext context = new DefaultHapiContext();
        context.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
        context.setValidationContext(ValidationContextFactory.noValidation());
        // with no rules to apply, the validator would still walk every message: skip the walk itself
        context.getParserConfiguration().setValidating(false);
        return context.getPipeParser();
    }

    /** Bytes to text: MSH-18 8859/x means ISO-8859-1, anything else is read as strict UTF-8 (ASCII included). */
    static String decode(byte[] bytes) {
        Charset charset = declaresLatin1(bytes) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        String text = Utf8.decode(bytes, charset);
        // interface engines and files use LF or CRLF; HL7 separates segments with CR only
        text = text.replace("\r\n", "\r").replace('\n', '\r');
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\r' || Character.isWhitespace(text.charAt(end - 1)))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static boolean declaresLatin1(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && end < 1024 && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        String msh = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        return msh.contains("8859/");
    }

    Message parse(String text) {
        if (text.isEmpty()) {
            throw new IngestRejection(null, IngestErrorCode.EMPTY_MESSAGE);
        }
        if (!text.startsWith("MSH")) {
            throw new IngestRejection("MSH", IngestErrorCode.HL7_UNPARSEABLE, "message does not start with an MSH segment");
        }
        PipeParser parser = idle.pollFirst();
        if (parser == null) {
            parser = newParser();
        }
        try {
            return parser.parse(text);
        } catch (HL7Exception | RuntimeException e) {
            throw new IngestRejection("MSH", IngestErrorCode.HL7_UNPARSEABLE, e.getMessage() != null ? e.getMessage() : e.toString());
        } finally {
            idle.offerFirst(parser);
        }
    }

    /** Every non-empty segment of the message in message order, numbered per segment name. */
    static List<Hl7Segment> segments(Message message) {
        List<Segment> raw = new ArrayList<>();
        try {
            collect(message, raw);
        } catch (HL7Exception e) {
            throw new IngestRejection("MSH", IngestErrorCode.HL7_UNPARSEABLE, e.getMessage());
        }
        Map<String, Integer> counts = new HashMap<>();
        List<Hl7Segment> out = new ArrayList<>(raw.size());
        for (Segment s : raw) {
            String name = s.getName();
            out.add(new Hl7Segment(s, name, counts.merge(name, 1, Integer::sum)));
        }
        return out;
    }

    private static void collect(Group group, List<Segment> out) throws HL7Exception {
        for (String name : group.getNames()) {
            for (Structure structure : group.getAll(name)) {
                if (structure instanceof Segment segment) {
                    if (!segment.isEmpty()) {
                        out.add(segment);
                    }
                } else {
                    collect((Group) structure, out);
                }
            }
        }
    }
}
