package dev.motospkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.Golden;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** `motospkg doctor` through the CLI: the paragraphs on stdout, exit 1 for a problem, nothing on stderr. */
class DoctorCommandTest {

    @Test
    void missingContext() throws IOException {
        CliRun run = CliRun.inProject("doctor", "--kubeconfig", "src/test/resources/doctor/kubeconfig.yaml",
                "--kube-context", "prod");
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals("", run.err());
        Golden.assertText("cli-doctor-missing-context.txt", run.out());
    }
}
