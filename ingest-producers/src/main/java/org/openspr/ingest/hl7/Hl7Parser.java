package org.openspr.ingest.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.GenericMessage;
import ca.uhn.hl7v2.model.GenericSegment;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.GenericModelClassFactory;
import ca.uhn.hl7v2.parser.ModelClassFactory;
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
 * Parses HL7 v2 messages of any version into their segments, without validation: feeds send what they send, and the
 * mappers decide what they need, reading fields by position.
 * <p>
 * Safe for concurrent use. Each segment parse borrows a HAPI {@link PipeParser} of its own from a pool (HAPI's parsers
 * keep unsynchronised caches), which grows to the number of segments parsed at once.
 */
final class Hl7Parser {
    private static final ModelClassFactory GENERIC = new GenericModelClassFactory();
    private final Deque<PipeParser> idle = new ConcurrentLinkedDeque<>();

    private static PipeParser newParser() {
        HapiContext context = new DefaultHapiContext();
        context.setModelClassFactory(GENERIC);
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
        if (text.indexOf('\n') >= 0) {
            text = text.replace("\r\n", "\r").replace('\n', '\r');
        }
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\r' || Character.isWhitespace(text.charAt(end - 1)))) {
            end--;
        }
        return end == text.length() ? text : text.substring(0, end);
    }

    private static boolean declaresLatin1(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && end < 1024 && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        String msh = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        return msh.contains("8859/");
    }

    /**
     * Every non-empty segment of the message in message order, numbered per segment name. HAPI parses each segment
     * line into a generic segment (fields, repetitions, components, sub-components, escape sequences and the message's
     * own delimiters): the mappers read segments by position, so the version's typed structures and its message
     * grammar would only cost time (building them was about half of the cost of ingesting a small ORU).
     */
    List<Hl7Segment> parse(String text) {
        if (text.isEmpty()) {
            throw new IngestRejection(null, IngestErrorCode.EMPTY_MESSAGE);
        }
        if (!text.startsWith("MSH") || text.length() < 8) {
            throw new IngestRejection("MSH", IngestErrorCode.HL7_UNPARSEABLE, "message does not start with an MSH segment");
        }
        EncodingCharacters encoding = encoding(text);
        Hl7Segment.Parsing parsing = new SegmentParsing(encoding);
        List<Hl7Segment> out = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        int n = text.length();
        int start = 0;
        while (start < n) {
            int end = text.indexOf('\r', start);
            if (end < 0) {
                end = n;
            }
            String line = text.substring(start, end).strip();
            start = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            String name = segmentName(line, encoding.getFieldSeparator(), out.size() + 1);
            if (!isEmpty(line, encoding)) {
                out.add(new Hl7Segment(line, name, counts.merge(name, 1, Integer::sum), parsing));
            }
        }
        return out;
    }

    /** A segment with nothing but delimiters after its id has no values (HAPI's own emptiness, read from the text). */
    private static boolean isEmpty(String line, EncodingCharacters e) {
        if (line.startsWith("MSH")) {
            return false;
        }
        for (int i = 3; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != e.getFieldSeparator() && c != e.getComponentSeparator() && c != e.getRepetitionSeparator()
                    && c != e.getSubcomponentSeparator()) {
                return false;
            }
        }
        return true;
    }

    /** Parses the segments of one message, each when first read, into generic segments of one parent message. */
    private final class SegmentParsing implements Hl7Segment.Parsing {
        private final EncodingCharacters encoding;
        private GenericMessage message;

        SegmentParsing(EncodingCharacters encoding) {
            this.encoding = encoding;
        }

        @Override
        public Segment parse(String name, String line) {
            PipeParser parser = idle.pollFirst();
            if (parser == null) {
                parser = newParser();
            }
            try {
                if (message == null) {
                    message = new GenericMessage.V251(GENERIC);
                    message.setParser(parser);
                }
                GenericSegment segment = new GenericSegment(message, name);
                parser.parse(segment, line, encoding);
                return segment;
            } catch (HL7Exception | RuntimeException e) {
                throw new IngestRejection(name, IngestErrorCode.HL7_UNPARSEABLE, e.getMessage() != null ? e.getMessage() : e.toString());
            } finally {
                idle.offerFirst(parser);
            }
        }
    }

    /** MSH-1 and MSH-2: the field separator after "MSH", then component, repetition, escape and sub-component characters. */
    private static EncodingCharacters encoding(String text) {
        char fs = text.charAt(3);
        int end = text.indexOf(fs, 4);
        String chars = text.substring(4, end < 0 ? Math.min(text.length(), 8) : end);
        if (chars.length() < 4 || Character.isLetterOrDigit(fs) || chars.chars().anyMatch(c -> c == fs || Character.isLetterOrDigit(c))) {
            throw new IngestRejection("MSH-2", IngestErrorCode.HL7_UNPARSEABLE,
                    "MSH-1/MSH-2 do not declare the delimiters (field separator, then 4 encoding characters): " + text.substring(0, Math.min(text.length(), 9)));
        }
        return new EncodingCharacters(fs, chars);
    }

    /** The three-character segment id before the first field separator. */
    private static String segmentName(String line, char fieldSeparator, int position) {
        int end = line.indexOf(fieldSeparator);
        String name = end < 0 ? line : line.substring(0, end);
        if (name.length() != 3 || !Character.isUpperCase(name.charAt(0))
                || !Character.isLetterOrDigit(name.charAt(1)) || !Character.isLetterOrDigit(name.charAt(2))) {
            throw new IngestRejection("segment " + position, IngestErrorCode.HL7_UNPARSEABLE,
                    "segment " + position + " does not start with a segment id (3 letters or digits): "
                            + line.substring(0, Math.min(line.length(), 20)));
        }
        return name;
    }
}
