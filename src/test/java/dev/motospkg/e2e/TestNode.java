package dev.motospkg.e2e;

import dev.motospkg.testing.CliRun;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The running node, for E2E tests: its kubeconfig, a client, the CLI, kubectl, and HTTP to the
 * frontend's NodePort on 127.0.0.1.
 */
public final class TestNode implements AutoCloseable {

    static final int EXIT_NOT_INSTALLED = 3;
    private static final long UP_TIMEOUT_SECONDS = 420;

    private final Path projectDir;
    private final Path stateDir;
    private KubernetesClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private TestNode(Path projectDir, Path stateDir) {
        this.projectDir = projectDir;
        this.stateDir = stateDir;
    }

    /** Closed by the root store at the end of the run: the node goes down with the tests. */
    @SuppressWarnings("deprecation")
    record StartOutcome(TestNode node, String notInstalled, String failure)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            if (node != null) {
                node.close();
            }
        }
    }

    static StartOutcome start() {
        Path projectDir = Path.of(System.getProperty("motospkg.project.dir", System.getProperty("user.dir")))
                .toAbsolutePath().normalize();
        TestNode node = new TestNode(projectDir, projectDir.resolve("target/e2e-node"));
        Result up = node.devCluster("up", "--node", "--fresh");
        if (up.exit() == EXIT_NOT_INSTALLED) {
            return new StartOutcome(null, lastErrorLine(up.output()), null);
        }
        if (up.exit() != 0) {
            node.close();
            return new StartOutcome(null, null, "scripts/dev-cluster up --node failed (exit " + up.exit() + "):\n" + up.output());
        }
        return new StartOutcome(node, null, null);
    }

    public Path kubeconfig() {
        return stateDir.resolve("kubeconfig");
    }

    public Path stateDir() {
        return stateDir;
    }

    public synchronized KubernetesClient client() {
        if (client == null) {
            try {
                client = new KubernetesClientBuilder()
                        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig()))).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return client;
    }

    /** The CLI in-process, from the project root, against this node. */
    public CliRun motospkg(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", kubeconfig().toString()));
        CliRun run = CliRun.of(projectDir, all.toArray(String[]::new));
        System.out.println("[E2E] motospkg " + String.join(" ", args) + " -> exit " + run.exitCode() + "\n" + run.out() + run.err());
        return run;
    }

    /** {@link #motospkg} on a release's namespace ({@code -n}), with how long it took in the log. */
    public CliRun motospkgIn(String namespace, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-n", namespace));
        long start = System.nanoTime();
        CliRun run = motospkg(all.toArray(String[]::new));
        System.out.printf("[E2E] %s: `motospkg %s` took %.1fs%n", namespace, String.join(" ", args),
                (System.nanoTime() - start) / 1e9);
        return run;
    }

    /** The node's own kubectl (built with it), with this node's kubeconfig. */
    public Result kubectl(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(stateDir.resolve("kubectl").toString(),
                "--kubeconfig", kubeconfig().toString()));
        command.addAll(List.of(args));
        Result r = run(projectDir, 120, env, command);
        System.out.println("[E2E] kubectl " + String.join(" ", args) + " -> exit " + r.exit() + "\n" + r.output());
        return r;
    }

    public Result kubectl(String... args) {
        return kubectl(Map.of(), args);
    }

    /** Rows of a query in a release's database, through its postgres pod's own psql (local trust). */
    public List<String> sql(String namespace, String query) {
        String pod = client().pods().inNamespace(namespace).withLabel("app.kubernetes.io/component", "database").list()
                .getItems().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).findFirst()
                .orElseThrow().getMetadata().getName();
        Result r = kubectl("exec", "-n", namespace, pod, "--", "/usr/lib/postgresql/15/bin/psql", "-h", "/tmp",
                "-U", "motos", "-d", "motos", "-tAc", query);
        org.junit.jupiter.api.Assertions.assertEquals(0, r.exit(), r.output());
        return r.output().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** A file in a namespace's backup volume, where the node's hostpath provisioner keeps it. */
    public Path backupFile(String namespace, String name) {
        String pv = client().persistentVolumeClaims().inNamespace(namespace).withName("backup-pvc").get().getSpec()
                .getVolumeName();
        return Path.of(client().persistentVolumes().withName(pv).get().getSpec().getHostPath().getPath()).resolve(name);
    }

    /** PVC name to uid in a namespace: the same uids later mean the same volumes, so the same data. */
    public Map<String, String> pvcUids(String namespace) {
        Map<String, String> uids = new java.util.LinkedHashMap<>();
        for (var pvc : client().persistentVolumeClaims().inNamespace(namespace).list().getItems()) {
            uids.put(pvc.getMetadata().getName(), pvc.getMetadata().getUid());
        }
        return uids;
    }

    /**
     * The data of a story is served: the visit row through nginx, Django and PostgreSQL, and the media
     * file from the volume through nginx (after the app answers, within {@code timeout}).
     */
    public void assertDataServed(Duration timeout, String visit, String mediaName, String mediaContent) {
        eventually(timeout, "the app answers through the frontend", () -> get("/api/visits").ok());
        Http visits = get("/api/visits");
        org.junit.jupiter.api.Assertions.assertEquals(200, visits.status(), visits.body());
        org.junit.jupiter.api.Assertions.assertTrue(visits.body().contains(visit),
                "the visit row " + visit + " is there: " + visits.body());
        Http media = get("/media/" + mediaName);
        org.junit.jupiter.api.Assertions.assertEquals(200, media.status(),
                "nginx serves the media file from the volume: " + media.body());
        org.junit.jupiter.api.Assertions.assertEquals(mediaContent, media.body());
    }

    /**
     * What an E2E class leaves behind, gone: its release (data included) and its namespace. The node,
     * its node port 30080 and its images are shared with the next class, so each class calls this
     * in {@code @AfterAll}, also after a failure.
     */
    public void removeRelease(String namespace) {
        motospkg("uninstall", "--delete-data", "-n", namespace);
        kubectl("delete", "namespace", namespace, "--ignore-not-found", "--wait=true", "--timeout=180s");
    }

    /** {@code ctr} on the node's containerd, in the namespace the kubelet uses (k8s.io). */
    public Result ctr(String... args) {
        List<String> command = new ArrayList<>(List.of("ctr", "--address",
                stateDir.resolve("containerd/containerd.sock").toString(), "--namespace", "k8s.io"));
        command.addAll(List.of(args));
        Result r = run(projectDir, 120, Map.of(), command);
        System.out.println("[E2E] ctr " + String.join(" ", args) + " -> exit " + r.exit() + "\n" + r.output());
        return r;
    }

    /** {@code scripts/dev-cluster CMD --dir <state dir> ARGS}. */
    public Result devCluster(String cmd, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", projectDir.resolve("scripts/dev-cluster").toString(), cmd,
                "--dir", stateDir.toString()));
        command.addAll(List.of(args));
        Result r = run(projectDir, UP_TIMEOUT_SECONDS, Map.of(), command);
        System.out.println("[E2E] dev-cluster " + cmd + " " + String.join(" ", args) + " -> exit " + r.exit() + "\n" + r.output());
        return r;
    }

    /** HTTP to the frontend on the node (NodePort on 127.0.0.1); status -1 when nothing answers. */
    public Http http(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:30080" + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Http(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Http(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Http(-1, "interrupted");
        }
    }

    public Http get(String path) {
        return http("GET", path, null);
    }

    /** Polls until the condition holds; fails with the description after the timeout. */
    public static void eventually(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + "s: " + what);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        devCluster("down");
    }

    public record Result(int exit, String output) {
    }

    public record Http(int status, String body) {
        public boolean ok() {
            return status == 200;
        }
    }

    private static String lastErrorLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines.length == 0 ? "not installed" : lines[lines.length - 1];
    }

    private static Result run(Path dir, long timeoutSeconds, Map<String, String> env, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        try {
            Path log = Files.createTempFile("motospkg-e2e", ".log");
            pb.redirectOutput(log.toFile());
            Process process = pb.start();
            boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Result(done ? process.exitValue() : -1,
                    output + (done ? "" : "(timed out after " + timeoutSeconds + "s: " + String.join(" ", command) + ")\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }
}
