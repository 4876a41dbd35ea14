package dev.motospkg.it;

import static dev.motospkg.it.ReleaseLifecycleIT.NODEPORT_ANY;
import static dev.motospkg.it.ReleaseLifecycleIT.backendImage;
import static dev.motospkg.it.ReleaseLifecycleIT.motospkg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.ApiServerRestarts;
import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.ControllerPlayer;
import dev.motospkg.testing.RealCluster;
import dev.motospkg.testing.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The API server restarts (10 s down) while {@code upgrade --wait --timeout 60s} waits: the upgrade succeeds. */
@RealCluster
class ApiServerRestartIT {
    private static final String PASSWORD = "Restart-pw-9Kq2";

    @Test
    void upgradeWaitRidesOutATenSecondApiServerOutage(TestCluster cluster, ControllerPlayer controller) throws Exception {
        CliRun install = motospkg(cluster, "install", "-f", "values/values-dev.yaml", "--set", NODEPORT_ANY,
                "--set-string", "postgres.auth.password=" + PASSWORD);
        assertEquals(0, install.exitCode(), install.out() + install.err());
        CompletableFuture<CliRun> upgrade = CompletableFuture.supplyAsync(() -> motospkg(cluster, "upgrade",
                "--set", "backend.tag=v2", "--set-string", "postgres.auth.password=" + PASSWORD,
                "--wait", "--timeout", "60s"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"motos-backend:v2".equals(backendImage(cluster)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals("motos-backend:v2", backendImage(cluster), "the upgrade applied its objects and now waits");

        long down = System.nanoTime();
        ApiServerRestarts.restart(Duration.ofSeconds(10));
        long answering = 0;
        // Play the controllers once the server answers again, until the upgrade ends.
        while (!upgrade.isDone() && System.nanoTime() - down < TimeUnit.SECONDS.toNanos(80)) {
            try {
                for (String d : List.of("postgres", "backend", "frontend")) {
                    controller.markDeploymentAvailable(d);
                    controller.markEndpointsReady(d); // each Deployment has a Service of its name
                }
                for (String pvc : List.of("postgres-pvc", "media-pvc")) {
                    controller.markPvcBound(pvc);
                }
                if (answering == 0) {
                    answering = System.nanoTime();
                }
            } catch (RuntimeException serverNotBackYet) {
                // starting up
            }
            Thread.sleep(300);
        }
        CliRun result = upgrade.get(90, TimeUnit.SECONDS);
        System.out.println("[restart IT] API server unreachable for "
                + TimeUnit.NANOSECONDS.toMillis((answering == 0 ? System.nanoTime() : answering) - down) + " ms");
        assertEquals(0, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("Deployment/backend: ready"), result.out());
        assertFalse((result.out() + result.err() + install.out() + install.err()).contains(PASSWORD));
    }
}
