package org.openspr.ingest.fhir;

import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.map.IngestRejection;

/**
 * Refuses absurdly nested XML before the StAX parser and HAPI's state stack see it: tens of thousands of open
 * elements cost memory and time and tell us nothing a real FHIR resource needs. Scans the bytes: markup characters are
 * ASCII and never occur inside a multi-byte UTF-8 sequence. Comments, CDATA, processing instructions and quoted
 * attribute values are skipped, so a '<' inside them does not count.
 */
final class XmlDepth {
    private XmlDepth() {
    }

    static void check(byte[] xml, int maxDepth) {
        int depth = 0;
        int n = xml.length;
        int i = 0;
        while (i < n) {
            if (xml[i] != '<') {
                i++;
                continue;
            }
            if (i + 1 >= n) {
                return; // a dangling '<' is the parser's business
            }
            byte next = xml[i + 1];
            if (next == '/') {
                depth--;
                i = skipTo(xml, i + 2, '>');
            } else if (next == '?') {
                i = skipPast(xml, i + 2, "?>");
            } else if (next == '!') {
                if (startsWith(xml, i + 2, "--")) {
                    i = skipPast(xml, i + 4, "-->");
                } else if (startsWith(xml, i + 2, "[CDATA[")) {
                    i = skipPast(xml, i + 9, "]]>");
                } else {
                    i = skipTo(xml, i + 2, '>'); // DOCTYPE and friends (the parser refuses DTDs anyway)
                }
            } else {
                int end = endOfStartTag(xml, i + 1);
                if (end >= n || xml[end - 1] != '/') {
                    if (++depth > maxDepth) {
                        throw new IngestRejection(null, IngestErrorCode.FHIR_TOO_DEEP, "XML", maxDepth);
                    }
                }
                i = end + 1;
            }
        }
    }

    /** Index of the '>' closing a start tag, stepping over quoted attribute values. */
    private static int endOfStartTag(byte[] xml, int from) {
        byte quote = 0;
        for (int i = from; i < xml.length; i++) {
            byte b = xml[i];
            if (quote != 0) {
                if (b == quote) {
                    quote = 0;
                }
            } else if (b == '"' || b == '\'') {
                quote = b;
            } else if (b == '>') {
                return i;
            }
        }
        return xml.length;
    }

    private static int skipTo(byte[] xml, int from, char c) {
        for (int i = from; i < xml.length; i++) {
            if (xml[i] == c) {
                return i + 1;
            }
        }
        return xml.length;
    }

    private static int skipPast(byte[] xml, int from, String end) {
        for (int i = from; i <= xml.length - end.length(); i++) {
            if (startsWith(xml, i, end)) {
                return i + end.length();
            }
        }
        return xml.length;
    }

    private static boolean startsWith(byte[] xml, int at, String s) {
        if (at + s.length() > xml.length) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (xml[at + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
