package dev.motospkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.CliRun;
import org.junit.jupiter.api.Test;

class LintCommandTest {

    @Test
    void devValuesAreClean() {
        CliRun run = CliRun.inProject("lint", "-f", "values/values-dev.yaml");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("0 errors, 0 warnings"), run.out());
    }

    @Test
    void prodValuesAreClean() {
        CliRun run = CliRun.inProject("lint", "-f", "values/values-prod.yaml", "--set-string",
                "postgres.auth.password=x");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("0 errors, 0 warnings"), run.out());
    }

    @Test
    void scalingBackendOnAReadWriteOnceMediaVolumeFails() {
        CliRun run = CliRun.inProject("lint", "-f", "values/values-dev.yaml", "--set", "backend.replicas=2");
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("ReadWriteOnce volume media-pvc"), run.out());
        assertTrue(run.err().startsWith("Error: lint found 1 errors"), run.err());
    }

    @Test
    void productionFileWithoutRequestsWarns() {
        CliRun run = CliRun.inProject("lint", "-f", "values/values-prod.yaml", "--set-string",
                "postgres.auth.password=x", "--set", "backend.resources.requests=null", "--strict");
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("[WARNING] Deployment/backend"), run.out());
    }

    @Test
    void invalidValuesExit2() {
        CliRun run = CliRun.inProject("lint", "--set", "backend.tag=latest");
        assertEquals(2, run.exitCode());
    }
}
