package org.openspr.ingest.support;

import org.openspr.events.nhs.NhsNumber;

/** Generated UK-shaped HL7 v2 messages for load and concurrency tests. */
public final class Hl7Messages {
    private Hl7Messages() {
    }

    /** An ORU^R01 with one OBR and two OBX (3 clinical events, 1 NHS number link). */
    public static String oru(String controlId, int patient) {
        String nhs = NhsNumber.testNumber(patient);
        return "MSH|^~\\&|WINPATH|RX1|SPR|SPR|20260302090000||ORU^R01^ORU_R01|" + controlId + "|P|2.5.1\r"
                + "PID|1||MRN" + patient + "^^^RX1^MR~" + nhs + "^^^NHS^NH||Test^Patient" + patient + "||19800101|F\r"
                + "OBR|1||FL-" + controlId + "|U&E^Urea and electrolytes^WINPATH|||20260302080000|||||||||||||||||F\r"
                + "OBX|1|NM|UREA^Urea^WINPATH||8.1|mmol/L|2.5-7.8|H|||F\r"
                + "OBX|2|NM|CREA^Creatinine^WINPATH||90|umol/L|49-92|N|||F\r";
    }
}
