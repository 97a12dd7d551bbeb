package org.openspr.ingest.hl7;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openspr.events.errors.SprException;
import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.map.IngestRejection;

/**
 * Original-mode HL7 v2 acknowledgements: AA when the message is committed to Kafka; AE when its content is wrong
 * (re-sending it unchanged will not help); AR when it was refused for reasons outside its content (unsupported type,
 * Kafka unavailable: re-send later). Errors carry an ERR segment with the SPR code and a readable text.
 */
public final class AckBuilder {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Pattern HL7_LOCATION = Pattern.compile("([A-Z][A-Z0-9]{2})-(\\d+)(?:\\((\\d+)\\))?");
    private static final AtomicLong COUNTER = new AtomicLong();

    private AckBuilder() {
    }

    public static String accept(MshHeader msh) {
        return header(msh) + "\rMSA|AA|" + escape(msh.controlId()) + "\r";
    }

    /** AE for content errors, AR for unsupported types and unreadable input. */
    public static String reject(MshHeader msh, SprException error) {
        String code = error.errorCode() == IngestErrorCode.HL7_UNSUPPORTED_TYPE ? "AR" : "AE";
        return error(msh, code, error);
    }

    /** AR: the message was fine as far as we know, but we could not store it; the sender should re-send. */
    public static String systemError(MshHeader msh, SprException error) {
        return error(msh, "AR", error);
    }

    private static String error(MshHeader msh, String code, SprException error) {
        String location = error instanceof IngestRejection r && r.location() != null ? r.location() : null;
        String text = escape(error.getMessage());
        return header(msh) + "\rMSA|" + code + "|" + escape(msh.controlId()) + "|" + text
                + "\rERR||" + errorLocation(location) + "|" + hl7ErrorCode(error) + "|E||||" + text + "\r";
    }

    private static String header(MshHeader msh) {
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(TS) + "+0000";
        String trigger = msh.triggerEvent().isEmpty() ? "" : escape(msh.triggerEvent());
        return "MSH|^~\\&|" + reencode(msh, msh.receivingApplication()) + "|" + reencode(msh, msh.receivingFacility()) + "|"
                + reencode(msh, msh.sendingApplication()) + "|" + reencode(msh, msh.sendingFacility()) + "|" + now + "||ACK^"
                + trigger + "^ACK|ACK" + now + COUNTER.incrementAndGet() + "|" + escape(msh.processingId()) + "|"
                + escape(msh.version());
    }

    /** HD fields keep their components, rewritten from the sender's delimiters to ours. */
    private static String reencode(MshHeader msh, String value) {
        String[] parts = Delimited.split(value, msh.componentSeparator());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            out.append(i == 0 ? "" : "^").append(escape(parts[i]));
        }
        return out.toString();
    }

    /** ERR-2 (ERL): segment^sequence^field^repetition. */
    private static String errorLocation(String location) {
        if (location == null) {
            return "";
        }
        Matcher m = HL7_LOCATION.matcher(location);
        if (!m.matches()) {
            return "";
        }
        return m.group(1) + "^1^" + m.group(2) + (m.group(3) != null ? "^" + m.group(3) : "");
    }

    /** HL7 table 0357 message error condition codes. */
    private static String hl7ErrorCode(SprException error) {
        int n = error.errorCode().number();
        if (error.errorCode() == IngestErrorCode.HL7_UNSUPPORTED_TYPE) {
            return "200^Unsupported message type^HL70357";
        }
        if (error.errorCode() == IngestErrorCode.HL7_NO_PATIENT || error.errorCode() == IngestErrorCode.HL7_MISSING_SEGMENT) {
            return "101^Required field missing^HL70357";
        }
        if (n >= 1200 && n < 1300 || error.errorCode() == IngestErrorCode.HL7_BAD_VALUE) {
            return "102^Data type error^HL70357";
        }
        if (error.errorCode() == IngestErrorCode.HL7_UNPARSEABLE || n < 2100) {
            return "100^Segment sequence error^HL70357";
        }
        return "207^Application internal error^HL70357";
    }

    /** HL7 escape sequences for our delimiters |^~\&; CR and LF would end the segment, so they become spaces. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\E\\");
                case '|' -> out.append("\\F\\");
                case '^' -> out.append("\\S\\");
                case '&' -> out.append("\\T\\");
                case '~' -> out.append("\\R\\");
                case '\r', '\n' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
