package dev.motospkg.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SetParserErrorsTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                // Helm accepts these silently (dropping the backslash or the empty part); motospkg says what is wrong.
                Arguments.of("", SetMode.SET, "--set \"\": nothing to set"),
                Arguments.of("a=b,", SetMode.SET, "--set \"a=***,\": nothing after the last \",\" at position 4"),
                Arguments.of("a=b\\", SetMode.SET, "--set \"a=***\": a backslash at the end escapes nothing at position 4"),
                Arguments.of("db.password=hunter2,[x", SetMode.SET, "--set \"db.password=***,[x\": empty key at position 21"),
                Arguments.of("abc", SetMode.SET, "--set \"abc\": key \"abc\" has no value at position 4"),
                Arguments.of("a.b", SetMode.SET, "--set \"a.b\": key \"a.b\" has no value at position 4"),
                Arguments.of("a=b,c", SetMode.SET, "--set \"a=***,c\": key \"c\" has no value at position 6"),
                Arguments.of("a,b=c", SetMode.SET, "--set \"a,b=***\": key \"a\" has no value (cannot end with \",\") at position 2"),
                Arguments.of("=b", SetMode.SET, "--set \"=***\": empty key at position 1"),
                Arguments.of(",a=b", SetMode.SET, "--set \",a=***\": empty key at position 1"),
                Arguments.of("a..b=c", SetMode.SET, "--set \"a..b=***\": empty key at position 3"),
                Arguments.of("a.=c", SetMode.SET, "--set \"a.=***\": empty key at position 3"),
                Arguments.of("a.", SetMode.SET, "--set \"a.\": empty key at position 3"),
                Arguments.of("a=b,,c=d", SetMode.SET, "--set \"a=***,,c=***\": empty key at position 5"),
                Arguments.of("[0]=x", SetMode.SET, "--set \"[0]=***\": empty key at position 1"),
                Arguments.of("\"\"=x", SetMode.SET, "--set \"\"\"=***\": empty key at position 1"),
                Arguments.of("a={x,y", SetMode.SET, "--set \"a=***\": list is missing its closing \"}\" at position 3"),
                Arguments.of("a={", SetMode.SET, "--set \"a=***\": list is missing its closing \"}\" at position 3"),
                Arguments.of("a={x\\}", SetMode.SET, "--set \"a=***\": list is missing its closing \"}\" at position 3"),
                Arguments.of("a={x}y", SetMode.SET, "--set \"a=***\": unexpected text after the list's closing \"}\" at position 6"),
                Arguments.of("a[x]=1", SetMode.SET, "--set \"a[x]=***\": list index \"x\" is not an integer at position 3"),
                Arguments.of("a[]=1", SetMode.SET, "--set \"a[]=***\": list index \"\" is not an integer at position 3"),
                Arguments.of("a[+1]=1", SetMode.SET, "--set \"a[+1]=***\": list index \"+1\" is not an integer at position 3"),
                Arguments.of("a[-1]=1", SetMode.SET, "--set \"a[-1]=***\": negative list index -1 is not allowed at position 3"),
                Arguments.of("a[65537]=1", SetMode.SET, "--set \"a[65537]=***\": list index 65537 is greater than the maximum supported index 65536 at position 3"),
                Arguments.of("a[0][99999999999999999999]=1", SetMode.SET, "--set \"a[0][99999999999999999999]=***\": list index 99999999999999999999 is greater than "
                                + "the maximum supported index 65536 at position 6"),
                Arguments.of("a[0=1", SetMode.SET, "--set \"a[0=***\": list index is missing \"]\" at position 2"),
                Arguments.of("a[0]b=1", SetMode.SET, "--set \"a[0]b=***\": unexpected character 'b' after \"a[0]\" at position 5"),
                Arguments.of("a[0]", SetMode.SET, "--set \"a[0]\": key \"a[0]\" has no value at position 5"),
                Arguments.of("a[0],b=1", SetMode.SET, "--set \"a[0],b=***\": key \"a[0]\" has no value (cannot end with \",\") at position 5"),
                Arguments.of("\"a=1", SetMode.SET, "--set \"\"a=1\": quoted key is not closed at position 1"),
                Arguments.of("x.\"a\"b=1", SetMode.SET, "--set \"x.\"a\"b=***\": unexpected character 'b' after \"x.\"a\"\" at position 6"),
                Arguments.of("abc", SetMode.STRING, "--set-string \"abc\": key \"abc\" has no value at position 4"),
                Arguments.of("a[x]=1", SetMode.FILE, "--set-file \"a[x]=1\": list index \"x\" is not an integer at position 3"),
                Arguments.of("a=", SetMode.FILE, "--set-file \"a=\": file path is empty at position 3"),
                Arguments.of("a={f,}", SetMode.FILE, "--set-file \"a={f,}\": file path is empty at position 6"));
    }

    @ParameterizedTest(name = "[{index}] {1} {0}")
    @MethodSource("errors")
    void rejectsWithPositionAndHint(String argument, SetMode mode, String message) {
        MotosException e = assertThrows(MotosException.class,
                () -> new SetParser().parse(argument, mode, p -> "content"));
        assertEquals(message, e.getMessage());
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.hint() != null && e.hint().contains("e.g. " + mode.flag() + " "), e.hint());
    }

    @Test
    void rejectsMoreThanThirtyNestedLevels() {
        StringBuilder key = new StringBuilder("k");
        for (int i = 1; i <= SetParser.MAX_NESTED_NAME_LEVEL + 1; i++) {
            key.append(".k").append(i);
        }
        MotosException e = assertThrows(MotosException.class,
                () -> new SetParser().parse(key + "=v", SetMode.SET));
        assertTrue(e.getMessage().contains("key is nested more than 30 levels deep"), e.getMessage());
    }

    @Test
    void hintsShowTheFlagAndAnExample() {
        MotosException e = assertThrows(MotosException.class, () -> new SetParser().parse("abc", SetMode.SET));
        assertEquals("Write key=value, e.g. --set image.tag=value; use key= for an empty string", e.hint());
        e = assertThrows(MotosException.class, () -> new SetParser().parse("a[x]=1", SetMode.SET));
        assertEquals("List indexes are integers from 0 to 65536, e.g. --set servers[0].port=value", e.hint());
    }
}
