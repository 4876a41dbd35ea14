package dev.motospkg.it;

import static dev.motospkg.it.ReleaseLifecycleIT.NODEPORT_ANY;
import static dev.motospkg.it.ReleaseLifecycleIT.backendImage;
import static dev.motospkg.it.ReleaseLifecycleIT.motospkg;
import static dev.motospkg.it.ReleaseLifecycleIT.deployedRevisions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.KillingProxy;
import dev.motospkg.testing.KillingProxy.When;
import dev.motospkg.testing.RealCluster;
import dev.motospkg.testing.TestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real {@code motospkg upgrade} process at every write it sends to the API
 * server, once just before the write reaches the server and once just after the server did it
 * (before the process hears back): the points cover locking, the pending record, each object's
 * apply, the deployed and superseded records, pruning and unlocking. After each kill the next
 * command (another upgrade, no manual step) succeeds, exactly one revision is deployed, the live
 * objects match it (`diff --exit-code` finds no drift), and no output shows the password.
 */
@RealCluster
class KillDuringUpgradeIT {
    private static final String PASSWORD = "Kill9-pw-u7Qz";

    @TempDir
    Path tmp;

    private record Killed(int exitCode, String output) {
    }

    @Test
    void aKillAtAnyWriteOfAnUpgradeIsRepairedByTheNextCommand(TestCluster cluster) throws Exception {
        CliRun install = motospkg(cluster, "install", "-f", "values/values-dev.yaml", "--set", NODEPORT_ANY,
                "--set-string", "postgres.auth.password=" + PASSWORD, "--history-max", "2");
        assertEquals(0, install.exitCode(), install.out() + install.err());
        List<String> outputs = new ArrayList<>(List.of(install.out() + install.err()));
        try (KillingProxy proxy = new KillingProxy(cluster.serverUrl())) {
            Path kubeconfig = proxy.kubeconfig(tmp, token(cluster));
            // An undisturbed upgrade through the proxy: which writes there are to kill at.
            // The second one: with --history-max 2 it also prunes.
            assertEquals(0, upgradeProcess(cluster, kubeconfig, "plain1", null).exitCode());
            proxy.arm(-1, When.BEFORE_FORWARDING, () -> { });
            Killed plain = upgradeProcess(cluster, kubeconfig, "plain2", null);
            assertEquals(0, plain.exitCode(), plain.output());
            List<String> writes = proxy.writes();
            assertTrue(writes.size() >= 6, "writes of one upgrade: " + writes);

            int kills = 0;
            List<String> points = new ArrayList<>();
            for (int n = 1; n <= writes.size(); n++) {
                for (When when : When.values()) {
                    Process[] running = new Process[1];
                    proxy.arm(n, when, () -> kill9(running[0]));
                    Killed killed = upgradeProcess(cluster, kubeconfig, "k" + n + when.ordinal(), running);
                    proxy.disarm();
                    outputs.add(killed.output());
                    String point = n + " " + when + " " + (n <= writes.size() ? writes.get(n - 1) : "?");
                    if (killed.exitCode() == 137) {
                        kills++;
                        points.add(point);
                    }
                    // The next command, straight to the server, with no manual step.
                    CliRun next = motospkg(cluster, "upgrade", "--set", "backend.tag=n" + n + when.ordinal(),
                            "--set", "frontend.tag=n" + n + when.ordinal(), "--history-max", "2");
                    outputs.add(next.out() + next.err());
                    assertEquals(0, next.exitCode(), "after a kill at " + point + ":\n" + killed.output()
                            + "\n---\n" + next.out() + next.err());
                    long deployed = deployedRevisions(cluster);
                    assertEquals(1, deployed, "after a kill at " + point + ": " + history(cluster));
                    assertEquals("motos-backend:n" + n + when.ordinal(), backendImage(cluster));
                    CliRun drift = motospkg(cluster, "diff", "--exit-code");
                    outputs.add(drift.out() + drift.err());
                    assertEquals(0, drift.exitCode(), "live objects differ from the deployed revision after a kill at "
                            + point + ":\n" + drift.out() + drift.err());
                }
            }
            System.out.println("[kill IT] " + kills + " kill -9 of a real upgrade process at: " + points);
            // each write of the upgrade, killed before and after the server did it: 9 writes since the
            // replaced revision reads superseded without one (10 before)
            assertTrue(kills >= 18, "kills: " + kills + " at " + points);
        }
        CliRun values = motospkg(cluster, "get", "values");
        outputs.add(values.out() + values.err());
        for (String output : outputs) {
            assertFalse(output.contains(PASSWORD), output);
        }
    }

    private static String token(TestCluster cluster) throws IOException {
        var m = java.util.regex.Pattern.compile("token: *(\\S+)").matcher(Files.readString(cluster.kubeconfig()));
        assertTrue(m.find(), "the harness kubeconfig has a token user");
        return m.group(1);
    }

    private static String history(TestCluster cluster) {
        CliRun h = motospkg(cluster, "history");
        return h.out() + h.err();
    }

    /** {@code motospkg upgrade} as a process of its own, through the proxy. */
    private Killed upgradeProcess(TestCluster cluster, Path kubeconfig, String tag, Process[] running)
            throws IOException, InterruptedException {
        Path out = tmp.resolve("out-" + tag + ".txt");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", Path.of("target/motospkg.jar").toAbsolutePath().toString(),
                "upgrade", "--set", "backend.tag=" + tag, "--set", "frontend.tag=" + tag, "--set-string", "postgres.auth.password=" + PASSWORD,
                "--history-max", "2", "-n", cluster.namespace(), "--kubeconfig", kubeconfig.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (running != null) {
            running[0] = p;
        }
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("upgrade process did not end in 90 s: " + Files.readString(out));
        }
        return new Killed(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** A real SIGKILL, and wait until the process is gone (so its pid is dead for the lock). */
    private static void kill9(Process p) {
        try {
            new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("kill -9 failed", e);
        }
    }
}
