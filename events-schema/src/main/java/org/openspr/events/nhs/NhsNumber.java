package org.openspr.events.nhs;

import java.util.regex.Pattern;
import org.openspr.events.errors.SprErrorCode;
import org.openspr.events.errors.SprException;

/**
 * The NHS number: 10 digits, the last a Modulus 11 check digit over the first nine with weights 10..2.
 * A remainder giving 11 means check digit 0; one giving 10 means the number can never be valid.
 */
public final class NhsNumber {
    /** Valid test numbers handed out per 8-digit prefix: of its 10 stems at most one has check digit 10. */
    private static final int PER_PREFIX = 9;
    private static final long TEST_PREFIXES = 100_000L; // "999" + 5 digits
    // compiled once, and only used when there is a separator: ingest and the projector check every event's number
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");

    private NhsNumber() {
    }

    /** Strips spaces and dashes as people and feeds write them ("943 476 5919", "943-476-5919"). */
    public static String normalise(String raw) {
        return raw == null || !hasSeparator(raw) ? raw : SEPARATORS.matcher(raw).replaceAll("");
    }

    private static boolean hasSeparator(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            // what [\s-] matches: space, tab, line feed, vertical tab, form feed, carriage return, dash
            if (c == ' ' || c == '-' || (c >= '\t' && c <= '\r')) {
                return true;
            }
        }
        return false;
    }

    private static boolean digits(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Normalises and validates, returning the 10 digits or throwing an {@link SprException} that names the rule. */
    public static String requireValid(String raw) {
        String digits = normalise(raw);
        if (digits == null || !digits(digits, 10)) {
            throw new SprException(SprErrorCode.NHS_NUMBER_FORMAT, raw);
        }
        int expected = checkDigit(digits.substring(0, 9));
        if (expected == 10) {
            throw new SprException(SprErrorCode.NHS_NUMBER_CHECK_DIGIT_TEN, digits);
        }
        int actual = digits.charAt(9) - '0';
        if (expected != actual) {
            throw new SprException(SprErrorCode.NHS_NUMBER_CHECK_DIGIT, digits, expected, actual);
        }
        return digits;
    }

    /** Whether {@link #requireValid} would accept it (without building the exception that says why not). */
    public static boolean isValid(String raw) {
        String digits = normalise(raw);
        if (digits == null || !digits(digits, 10)) {
            return false;
        }
        int expected = checkDigit(digits.substring(0, 9));
        return expected != 10 && expected == digits.charAt(9) - '0';
    }

    /** The Modulus 11 check digit for nine digits: 0-9, or 10 when no valid number starts with them. */
    public static int checkDigit(String nineDigits) {
        if (!digits(nineDigits, 9)) {
            throw new IllegalArgumentException("need nine digits, got '" + nineDigits + "'");
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nineDigits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        return check == 11 ? 0 : check;
    }

    /**
     * The n-th NHS test number (999 000 0000 - 999 999 9999). Deterministic and one-to-one: distinct n give
     * distinct valid numbers, for n below 900,000. Used for generated data and for imports without NHS numbers.
     */
    public static String testNumber(long n) {
        if (n < 0 || n >= TEST_PREFIXES * PER_PREFIX) {
            throw new IllegalArgumentException("test number index must be in [0, " + TEST_PREFIXES * PER_PREFIX + "), was " + n);
        }
        String prefix = String.format("999%05d", n / PER_PREFIX);
        long wanted = n % PER_PREFIX;
        for (int lastStemDigit = 0; lastStemDigit <= 9; lastStemDigit++) {
            String nine = prefix + lastStemDigit;
            int check = checkDigit(nine);
            if (check != 10 && wanted-- == 0) {
                return nine + check;
            }
        }
        throw new IllegalStateException("unreachable: each prefix has at least nine valid stems");
    }

    /** Formats as 3-3-4 with spaces, the way people read it. */
    public static String display(String tenDigits) {
        return tenDigits.substring(0, 3) + " " + tenDigits.substring(3, 6) + " " + tenDigits.substring(6);
    }
}
