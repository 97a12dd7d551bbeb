package org.openspr.events.nhs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openspr.events.errors.SprException;

class NhsNumberTest {

    @ParameterizedTest
    @CsvSource({"9434765919", "943 476 5919", "943-476-5919", "9990000018", "4010232137"})
    void shouldAcceptNumbersWithAValidCheckDigit(String raw) {
        assertThat(NhsNumber.isValid(raw)).isTrue();
        assertThat(NhsNumber.requireValid(raw)).matches("\\d{10}");
    }

    @Test
    void shouldRejectAWrongCheckDigitNamingTheNumberAndTheRule() {
        assertThatThrownBy(() -> NhsNumber.requireValid("9434765918"))
                .isInstanceOf(SprException.class)
                .hasMessage("SPR-1203: NHS number 9434765918 fails the Modulus 11 check (check digit should be 9, is 8)");
    }

    @Test
    void shouldRejectAStemWhoseCheckDigitWouldBeTen() {
        String stem = findStemWithCheckDigitTen();
        assertThatThrownBy(() -> NhsNumber.requireValid(stem + "0"))
                .hasMessageStartingWith("SPR-1204");
    }

    @ParameterizedTest
    @CsvSource({"123456789", "12345678901", "94347659A9", "''"})
    void shouldRejectAnythingThatIsNotTenDigits(String raw) {
        assertThatThrownBy(() -> NhsNumber.requireValid(raw)).hasMessageStartingWith("SPR-1201");
    }

    @ParameterizedTest
    @CsvSource(value = {"9434765919|true", "943\\t476\\n5919|true", "9434765918|false", "94347659A9|false", "943476591|false",
            "\u0669434765919|false", "''|false", "9434765919 |true", " -9434765919|true"}, delimiter = '|')
    void shouldAnswerIsValidExactlyAsRequireValidDecides(String raw, boolean valid) {
        String input = raw.translateEscapes();
        assertThat(NhsNumber.isValid(input)).isEqualTo(valid);
        if (valid) {
            assertThat(NhsNumber.requireValid(input)).isEqualTo(NhsNumber.normalise(input)).hasSize(10);
        } else {
            assertThatThrownBy(() -> NhsNumber.requireValid(input)).isInstanceOf(SprException.class);
        }
    }

    @Test
    void shouldAgreeWithRequireValidOnEveryCheckDigitOfManyStems() {
        for (int stem = 0; stem < 2_000; stem++) {
            String nine = String.format("%09d", 943_476_000 + stem);
            for (int check = 0; check <= 9; check++) {
                String number = nine + check;
                boolean accepted;
                try {
                    NhsNumber.requireValid(number);
                    accepted = true;
                } catch (SprException e) {
                    accepted = false;
                }
                assertThat(NhsNumber.isValid(number)).as(number).isEqualTo(accepted);
            }
        }
    }

    @Test
    void shouldGiveDistinctValidTestNumbersInThe999Range() {
        Set<String> seen = new HashSet<>();
        for (long n = 0; n < 20_000; n++) {
            String number = NhsNumber.testNumber(n);
            assertThat(number).startsWith("999").hasSize(10);
            assertThat(NhsNumber.isValid(number)).as(number).isTrue();
            assertThat(seen.add(number)).as("duplicate %s at %d", number, n).isTrue();
        }
        assertThat(NhsNumber.testNumber(42)).isEqualTo(NhsNumber.testNumber(42));
    }

    @Test
    void shouldComputeTheCheckDigitWithWeightsTenToTwo() {
        // 943476591: 9*10 + 4*9 + 3*8 + 4*7 + 7*6 + 6*5 + 5*4 + 9*3 + 1*2 = 299; 299 % 11 = 2; 11 - 2 = 9
        assertThat(NhsNumber.checkDigit("943476591")).isEqualTo(9);
    }

    private static String findStemWithCheckDigitTen() {
        for (int i = 0; i < 100; i++) {
            String stem = String.format("999000%03d", i);
            if (NhsNumber.checkDigit(stem) == 10) {
                return stem;
            }
        }
        throw new AssertionError("no stem with check digit 10 in the first 100");
    }
}
