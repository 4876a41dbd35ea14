package dev.motospkg.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TypeGuessTest {

    static Stream<Arguments> guesses() {
        return Stream.of(
                Arguments.of("true", true),
                Arguments.of("false", false),
                Arguments.of("TRUE", true),
                Arguments.of("False", false),
                Arguments.of("null", null),
                Arguments.of("NULL", null),
                Arguments.of("1", 1L),
                Arguments.of("0", 0L),
                Arguments.of("-5", -5L),
                Arguments.of("-0", 0L),
                Arguments.of("-007", -7L), // Helm: only a first character '0' blocks the number
                Arguments.of("80", 80L),
                Arguments.of("9223372036854775807", Long.MAX_VALUE),
                Arguments.of("-9223372036854775808", Long.MIN_VALUE),
                Arguments.of("9223372036854775808", "9223372036854775808"),
                Arguments.of("007", "007"),
                Arguments.of("00", "00"),
                Arguments.of("+5", "+5"),
                Arguments.of("-", "-"),
                Arguments.of("1.5", "1.5"),
                Arguments.of("1e3", "1e3"),
                Arguments.of("0x10", "0x10"),
                Arguments.of("1_000", "1_000"),
                Arguments.of(" 1", " 1"),
                Arguments.of("١٢٣", "١٢٣"), // non-ASCII digits stay text
                Arguments.of("yes", "yes"),
                Arguments.of("", ""),
                Arguments.of("[]", "[]"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("guesses")
    void guessesLikeHelm(String text, Object expected) {
        assertEquals(expected, TypeGuess.guess(text));
    }
}
