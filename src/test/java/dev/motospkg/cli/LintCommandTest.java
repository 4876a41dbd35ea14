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

    @Test
    void historyWarnsOnAnIfNotPresentTagThatRanAsTwoContents() {
        var f = dev.motospkg.testing.ActionFixture.inProject();
        f.ok("install", "-f", "values/values-dev.yaml");
        f.ok("upgrade", "--set", "frontend.replicas=2");
        var history = f.store.history("motos-app", "motos");
        String a = "docker.io/library/motos-backend@sha256:" + "a".repeat(64);
        String b = "docker.io/library/motos-backend@sha256:" + "b".repeat(64);
        f.store.update(history.get(0).withImages(java.util.List.of(
                new dev.motospkg.release.RunningImage("Deployment/backend", "backend", "motos-backend:v1", a, 1))));
        f.store.update(history.get(1).withImages(java.util.List.of(
                new dev.motospkg.release.RunningImage("Deployment/backend", "backend", "motos-backend:v1", b, 1))));

        CliRun plain = f.cli("lint", "-f", "values/values-dev.yaml");
        assertTrue(plain.out().contains("0 errors, 0 warnings"), "without --history lint reads no cluster: " + plain.out());
        CliRun run = f.cli("lint", "-f", "values/values-dev.yaml", "--history");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().startsWith("[WARNING] Deployment/backend (templates/06-backend-deployment.yaml): container"
                + " backend uses \"motos-backend:v1\" with imagePullPolicy IfNotPresent, and that tag ran as 2 different"
                + " contents across the release's revisions (sha256:aaaaaaaaaaaa (revision 1), sha256:bbbbbbbbbbbb"
                + " (revision 2)): it was rebuilt, and a node that has it keeps whichever it pulled first\n"), run.out());
        assertTrue(run.out().contains("0 errors, 3 warnings"), "the Jobs that run the tag too: " + run.out());
        assertEquals(1, f.cli("lint", "-f", "values/values-dev.yaml", "--history", "--strict").exitCode());
    }
}
