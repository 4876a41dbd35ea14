package dev.motospkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.Golden;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What users read, kept as golden text (update with -Dgolden.update=true and review the diff). */
class CliOutputTest {

    @Test
    void topLevelHelp() throws IOException {
        CliRun run = CliRun.inProject("--help");
        assertEquals(0, run.exitCode());
        Golden.assertText("cli-help.txt", run.out());
    }

    @Test
    void invalidValuesError() throws IOException {
        CliRun run = CliRun.inProject("template", "-f", "values/values-dev.yaml", "--set", "backend.tag=latest",
                "--set", "media.storage=ten", "--set", "frontend.servce.type=NodePort",
                "--set-string", "postgres.auth.password=1");
        assertEquals(2, run.exitCode());
        Golden.assertText("cli-invalid-values.txt", run.err());
    }

    @Test
    void lintFindings() throws IOException {
        CliRun run = CliRun.inProject("lint", "-f", "values/values-dev.yaml", "--set", "backend.replicas=2");
        assertEquals(1, run.exitCode());
        Golden.assertText("cli-lint.txt", run.out() + run.err());
    }
}
