package dev.motospkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void goDurationsAsHelmTakesThem() {
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofSeconds(90), converter.convert("1m30s"));
        assertEquals(Duration.ofMinutes(5), converter.convert("5m"));
        assertEquals(Duration.ofHours(1).plusMillis(250), converter.convert("1h250ms"));
        assertEquals(Duration.ofSeconds(300), converter.convert("300s"));
    }

    @Test
    void otherTextIsRefusedWithAnExample() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert("5 min"));
        assertEquals("'5 min' is not a duration; write e.g. 90s, 5m or 1m30s", e.getMessage());
        assertThrows(TypeConversionException.class, () -> converter.convert("10"));
    }

    @Test
    void timeoutOnTheCommandLine() {
        var run = dev.motospkg.testing.CliRun.inProject("upgrade", "--timeout", "500ms", "--help");
        assertEquals(0, run.exitCode(), run.err());
    }
}
