package dev.motospkg.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A golden test that cannot fail is no test. */
class GoldenTest {

    @BeforeEach
    void notWhileUpdating() {
        // with the switch on these would write goldens: one made up, one over the real help
        assumeFalse(Boolean.getBoolean("golden.update"));
    }

    @Test
    void aMissingGoldenFailsAndIsNotWritten() {
        String name = "no-such-golden-" + ProcessHandle.current().pid() + ".txt";
        AssertionError e = assertThrows(AssertionError.class, () -> Golden.assertText(name, "anything"));
        assertTrue(e.getMessage().contains("no golden file") && e.getMessage().contains("-Dgolden.update=true"),
                e.getMessage());
        assertTrue(!Files.exists(Path.of("src/test/resources/golden").resolve(name)));
    }

    @Test
    void aDifferentOutputFails() {
        assertThrows(AssertionError.class, () -> Golden.assertText("cli-help.txt", "not the help"));
    }
}
