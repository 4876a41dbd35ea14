package dev.motospkg.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.action.Doctor;
import dev.motospkg.error.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code motospkg doctor}'s diagnosis of what can be known without a server, and of a server that
 * is not there (a closed port): the printed paragraphs are asserted, not only the exit code. The
 * cases that need a server (good, wrong CA, bad token) are in DoctorIT.
 */
class ConnectionDiagnosisTest {
    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();
    private Clock clock = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);

    static String kubeconfig(String server, String context, String user) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: dev
                  cluster:
                    server: %s
                users:
                - name: dev-admin
                  user:
                    %s
                contexts:
                - name: dev
                  context:
                    cluster: dev
                    user: dev-admin
                current-context: %s
                """.formatted(server, user, context);
    }

    private record Run(ExitCode code, String out) {
    }

    private Run doctor(Path kubeconfig, String context) {
        StringWriter out = new StringWriter();
        ConnectionDiagnosis diagnosis = new ConnectionDiagnosis(env, tmp.resolve("home"), clock,
                Duration.ofSeconds(2), Duration.ofSeconds(2));
        ExitCode code = new Doctor(diagnosis::diagnose, new PrintWriter(out)).run(new Doctor.Options(kubeconfig, context));
        return new Run(code, out.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void missingContextNamesEveryFileAndTheContextsThere() throws IOException {
        Path a = write("a", kubeconfig("https://127.0.0.1:1", "dev", "token: t"));
        Run run = doctor(a, "prod");
        assertEquals(ExitCode.FAILED, run.code());
        assertEquals("[ok] Kubeconfig: --kubeconfig " + a + " (KUBECONFIG and ~/.kube/config are not read). Context"
                + " \"prod\" is chosen by --kube-context.\n\n"
                + "[PROBLEM] Context: --kube-context names context \"prod\", which none of the kubeconfig files defines ("
                + a + ": they define dev). Fix: `kubectl config use-context dev` or --kube-context dev for one that"
                + " exists; if it is defined in another file, add that file to KUBECONFIG.\n\n"
                + "Not healthy: 1 problem; the fix is in each paragraph marked PROBLEM.\n", run.out());
    }

    @Test
    void aCurrentContextNoFileDefines() throws IOException {
        Path a = write("a", kubeconfig("https://127.0.0.1:1", "minikube", "token: t"));
        env.put("KUBECONFIG", a.toString());
        Run run = doctor(null, null);
        assertTrue(run.out().contains("[PROBLEM] Context: current-context in " + a + " names context \"minikube\","
                + " which none of the kubeconfig files defines"), run.out());
        assertTrue(run.out().contains("for minikube, `minikube update-context` writes it again"), run.out());
    }

    @Test
    void twoFilesMergedLikeKubectlWithAMissingOneAndAShadowedCluster() throws IOException {
        int port = closedPort();
        Path a = write("a", """
                contexts:
                - name: dev
                  context: {cluster: dev, user: dev-admin}
                current-context: dev
                users:
                - name: dev-admin
                  user: {token: t}
                clusters:
                - name: dev
                  cluster: {server: "https://127.0.0.1:%d"}
                """.formatted(port));
        Path b = write("b", kubeconfig("https://10.0.0.1:6443", "other", "token: u"));
        Path missing = tmp.resolve("nope");
        env.put("KUBECONFIG", a + java.io.File.pathSeparator + missing + java.io.File.pathSeparator + b);
        Run run = doctor(null, null);
        System.out.println("[ConnectionDiagnosisTest] two files:\n" + run.out());
        assertTrue(run.out().startsWith("[ok] Kubeconfig: KUBECONFIG lists 3 files, merged as kubectl merges them"
                + " (the first file to set current-context wins; a context, cluster or user defined twice is taken from"
                + " the first file that defines it): " + a + " (contexts dev); " + missing + " (does not exist, skipped); "
                + b + " (contexts dev). Current context \"dev\" is set in " + a + ".\n"), run.out());
        assertTrue(run.out().contains("[warning] Kubeconfig: KUBECONFIG lists " + missing + ", which does not exist:"
                + " kubectl and motospkg skip it silently"), run.out());
        assertTrue(run.out().contains("[warning] Kubeconfig: cluster \"dev\" is defined in " + a + " and, differently,"
                + " in " + b + ": the one in " + a + " is used, the other ignored."), run.out());
        assertTrue(run.out().contains("[ok] Context: context \"dev\" (in " + a + "): cluster \"dev\" with server"
                + " https://127.0.0.1:" + port + ", user \"dev-admin\""), run.out());
        assertTrue(run.out().contains("[PROBLEM] Server: nothing answers at https://127.0.0.1:" + port
                + " (connection refused): the cluster is stopped, or the kubeconfig names an old address or port."
                + " Fix: start the cluster;"), run.out());
        assertEquals(ExitCode.FAILED, run.code());
    }

    /** fabric8 read only the first file when given its path: a cluster from the second was lost (kubernetes.default.svc). */
    @Test
    void aClusterDefinedOnlyInTheSecondFileIsTheOneContacted() throws IOException {
        int port = closedPort();
        Path a = write("a", """
                contexts:
                - name: dev
                  context: {cluster: dev, user: dev-admin}
                current-context: dev
                users:
                - name: dev-admin
                  user: {token: t}
                """);
        Path b = write("b", "clusters:\n- name: dev\n  cluster: {server: \"https://127.0.0.1:" + port + "\"}\n");
        env.put("KUBECONFIG", a + java.io.File.pathSeparator + b);
        Run run = doctor(null, null);
        assertTrue(run.out().contains("[PROBLEM] Server: nothing answers at https://127.0.0.1:" + port
                + " (connection refused)"), run.out());
        try (KubeConnection conn = new KubeConnection(null, null, env, tmp, Duration.ofSeconds(2), Duration.ofSeconds(2))) {
            assertEquals("https://127.0.0.1:" + port + "/", conn.client().getMasterUrl().toString());
        }
    }

    @Test
    void closedPortIsOneParagraphWithTheFix() throws IOException {
        int port = closedPort();
        Path a = write("a", kubeconfig("https://127.0.0.1:" + port, "dev", "token: s3cr3t-token"));
        long t0 = System.nanoTime();
        Run run = doctor(a, null);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("[ConnectionDiagnosisTest] closed port diagnosed in " + ms + " ms");
        String server = run.out().lines().filter(l -> l.startsWith("[PROBLEM] Server:")).findFirst().orElseThrow();
        assertEquals("[PROBLEM] Server: nothing answers at https://127.0.0.1:" + port + " (connection refused): the"
                + " cluster is stopped, or the kubeconfig names an old address or port. Fix: start the cluster; if it"
                + " runs, its address changed: take its current kubeconfig (" + KubeConfigFile.CLUSTER_HINT + "), check"
                + " with `kubectl --context dev cluster-info`.", server);
        assertTrue(run.out().contains("[ok] Credentials: user \"dev-admin\" authenticates with a bearer token."), run.out());
        assertFalse(run.out().contains("s3cr3t"), "the token is never printed");
        assertTrue(run.out().endsWith("Not healthy: 1 problem; the fix is in each paragraph marked PROBLEM.\n"), run.out());
    }

    @Test
    void clientCertificateExpiry() throws Exception {
        Path cert = Path.of("src/test/resources/doctor/alice.crt");
        X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(cert));
        Instant notAfter = x.getNotAfter().toInstant();
        String data = Base64.getEncoder().encodeToString(Files.readAllBytes(cert));
        int port = closedPort();
        Path a = write("a", kubeconfig("https://127.0.0.1:" + port, "dev",
                "{client-certificate-data: " + data + ", client-key-data: a2V5}"));

        clock = Clock.fixed(notAfter.minus(Duration.ofDays(100)), ZoneOffset.UTC);
        String valid = doctor(a, null).out();
        assertTrue(valid.contains("[ok] Credentials: user \"dev-admin\" authenticates with a client certificate"
                + " (O=developers,CN=alice, valid until " + notAfter + ")."), valid);
        assertFalse(valid.contains("expire"), valid);

        clock = Clock.fixed(notAfter.minus(Duration.ofDays(10)), ZoneOffset.UTC);
        assertTrue(doctor(a, null).out().contains("[warning] Credentials: user \"dev-admin\"'s client certificate"
                + " (O=developers,CN=alice) expires on " + notAfter + ", in 10 days. Fix: renew it before then"),
                doctor(a, null).out());

        clock = Clock.fixed(notAfter.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        String expired = doctor(a, null).out();
        assertTrue(expired.contains("[PROBLEM] Credentials: user \"dev-admin\"'s client certificate (O=developers,CN=alice)"
                + " expired on " + notAfter + ": the server will answer 401 Unauthorized. Fix: renew it"), expired);

        Path relative = write("b", kubeconfig("https://127.0.0.1:" + port, "dev",
                "{client-certificate: missing.crt, client-key: missing.key}"));
        assertTrue(doctor(relative, null).out().contains("[PROBLEM] Credentials: user \"dev-admin\"'s client certificate"
                + " cannot be read: no file " + tmp.resolve("missing.crt") + "."), doctor(relative, null).out());
    }

    @Test
    void minikubeProfileWhoseIpChanged() throws IOException {
        Path profile = tmp.resolve("home/.minikube/profiles/minikube/config.json");
        Files.createDirectories(profile.getParent());
        // minikube writes Go's indented JSON, with tabs
        Files.writeString(profile, "{\n\t\"Name\": \"minikube\",\n\t\"Nodes\": [\n\t\t{\n\t\t\t\"Name\": \"\",\n"
                + "\t\t\t\"IP\": \"192.168.49.3\",\n\t\t\t\"Port\": 8443\n\t\t}\n\t]\n}\n");
        Path a = write("a", kubeconfig("https://192.168.49.2:8443", "minikube", "token: t")
                .replace("- name: dev\n  context", "- name: minikube\n  context"));
        Run run = doctor(a, null);
        assertTrue(run.out().contains("[PROBLEM] minikube: minikube profile \"minikube\" says its node's API server is"
                + " now at 192.168.49.3:8443 (" + profile + "), but the kubeconfig still names 192.168.49.2:8443: the"
                + " node's address changed (a minikube restart or a new network), so requests go to an old address."
                + " Fix: `minikube update-context -p minikube` rewrites the kubeconfig's server"), run.out());
        assertEquals(ExitCode.FAILED, run.code());
    }

    @Test
    void anExecPluginThatIsNotOnPath() throws IOException {
        env.put("PATH", tmp.toString());
        Path a = write("a", kubeconfig("https://127.0.0.1:" + closedPort(), "dev",
                "{exec: {apiVersion: client.authentication.k8s.io/v1, command: gke-gcloud-auth-plugin}}"));
        Run run = doctor(a, null);
        assertTrue(run.out().contains("[PROBLEM] Credentials: user \"dev-admin\" gets its credentials from the exec"
                + " plugin `gke-gcloud-auth-plugin`, which is not on PATH"), run.out());
    }

    @Test
    void noKubeconfigAtAll() {
        Run run = doctor(null, null);
        assertEquals("[ok] Kubeconfig: " + tmp.resolve("home/.kube/config") + ", the default (KUBECONFIG is not set).\n\n"
                + "[PROBLEM] Kubeconfig: there is no file at " + tmp.resolve("home/.kube/config") + ". Fix: point"
                + " KUBECONFIG at your cluster's kubeconfig; " + KubeConfigFile.CLUSTER_HINT + ".\n\n"
                + "Not healthy: 1 problem; the fix is in each paragraph marked PROBLEM.\n", run.out());
    }
}
