package org.openspr.ingest.hl7;

/**
 * The MSH fields an ACK needs, read straight from the text so that even a message HAPI cannot parse gets a proper
 * answer addressed back to its sender.
 */
public record MshHeader(char fieldSeparator, String encodingCharacters, String sendingApplication, String sendingFacility,
                        String receivingApplication, String receivingFacility, String dateTime, String messageCode,
                        String triggerEvent, String controlId, String processingId, String version) {

    static final MshHeader UNKNOWN = new MshHeader('|', "^~\\&", "", "", "", "", "", "", "", "", "P", "2.5.1");

    /** Best effort: returns {@link #UNKNOWN} values for whatever is missing or malformed. */
    public static MshHeader read(String text) {
        if (text == null || text.length() < 8 || !text.startsWith("MSH")) {
            return UNKNOWN;
        }
        char fs = text.charAt(3);
        int end = text.indexOf('\r');
        String[] f = Delimited.split(end < 0 ? text : text.substring(0, end), fs);
        String enc = f.length > 1 && !f[1].isEmpty() ? f[1] : "^~\\&";
        char cs = enc.charAt(0);
        String type = field(f, 9);
        String[] typeParts = Delimited.split(type, cs);
        return new MshHeader(fs, enc, field(f, 3), field(f, 4), field(f, 5), field(f, 6), field(f, 7),
                typeParts[0], typeParts.length > 1 ? typeParts[1] : "", field(f, 10),
                field(f, 11).isEmpty() ? "P" : field(f, 11), field(f, 12).isEmpty() ? "2.5.1" : first(field(f, 12), cs));
    }

    /** MSH-n is at index n-1, because MSH-1 is the separator itself. */
    private static String field(String[] f, int n) {
        return f.length > n - 1 ? f[n - 1] : "";
    }

    private static String first(String value, char componentSeparator) {
        int i = value.indexOf(componentSeparator);
        return i < 0 ? value : value.substring(0, i);
    }

    char componentSeparator() {
        return encodingCharacters.charAt(0);
    }

    /** MSH-3@MSH-4 namespace ids: who sent it, as a stable source system name. */
    String sourceSystem() {
        String app = first(sendingApplication, componentSeparator());
        String facility = first(sendingFacility, componentSeparator());
        if (app.isEmpty() && facility.isEmpty()) {
            return null;
        }
        return app + "@" + facility;
    }

    /** MSH-4's first component (the facility's namespace id, an ODS code in the NHS), or empty. */
    String sendingFacilityId() {
        return first(sendingFacility, componentSeparator());
    }

    String messageType() {
        return triggerEvent.isEmpty() ? messageCode : messageCode + "^" + triggerEvent;
    }
}
