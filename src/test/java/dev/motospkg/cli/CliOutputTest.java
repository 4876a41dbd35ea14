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

    @Test
    void aReservedEnvNameIsOnePlainSentenceBlamingItsOwnSet() {
        CliRun run = CliRun.inProject("template", "--set", "backend.env.DB_HOST=x", "--set", "backend.env.LOG_LEVEL=debug");
        assertEquals(2, run.exitCode());
        assertEquals("Error: invalid values (1 problem):\n"
                + "  backend.env.DB_HOST: key \"DB_HOST\" is not allowed here: use a variable name of letters, digits"
                + " and _ that is not one of the DB_* variables the chart sets\n"
                + "      (value \"x\", from --set backend.env.DB_HOST)\n"
                + "Hint: Fix the values above in the file or --set they came from; see schema/values.schema.json.\n",
                run.err());
    }
}
