package dev.motospkg.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.action.Doctor;
import dev.motospkg.error.ExitCode;
import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.RealCluster;
import dev.motospkg.testing.TestCluster;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code motospkg doctor} against the local API server: the six kubeconfigs of issue 11 (good, two
 * files, wrong CA, bad token, closed port, missing context), each asserted by its diagnosis text.
 */
@RealCluster
class DoctorIT {
    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();

    private record Run(ExitCode code, String out) {
    }

    private Run doctor(Path kubeconfig, String context) {
        StringWriter out = new StringWriter();
        ConnectionDiagnosis diagnosis = new ConnectionDiagnosis(env, tmp.resolve("home"), Clock.systemUTC(),
                Duration.ofSeconds(5), Duration.ofSeconds(10));
        long t0 = System.nanoTime();
        ExitCode code = new Doctor(diagnosis::diagnose, new PrintWriter(out)).run(new Doctor.Options(kubeconfig, context));
        System.out.println("[DoctorIT] " + (System.nanoTime() - t0) / 1_000_000 + " ms, exit " + code.code() + ":\n" + out);
        return new Run(code, out.toString());
    }

    private Path variant(TestCluster cluster, String name, String from, String to) throws IOException {
        String text = Files.readString(cluster.kubeconfig());
        String changed = text.replaceAll(from, to);
        assertFalse(changed.equals(text), "the replacement applies");
        Path p = tmp.resolve(name);
        Files.writeString(p, changed);
        return p;
    }

    private static String uid(TestCluster cluster) {
        return cluster.client().namespaces().withName("kube-system").get().getMetadata().getUid();
    }

    private static String server(TestCluster cluster) throws IOException {
        return Files.readAllLines(cluster.kubeconfig()).stream().filter(l -> l.trim().startsWith("server:"))
                .findFirst().orElseThrow().trim().substring("server:".length()).trim();
    }

    @Test
    void goodKubeconfigIsHealthyAndNamesTheClusterIdentity(TestCluster cluster) throws IOException {
        Run run = doctor(cluster.kubeconfig(), null);
        assertEquals(ExitCode.OK, run.code(), run.out());
        assertTrue(run.out().contains("[ok] Server: " + server(cluster) + " answers: Kubernetes v1."), run.out());
        assertTrue(run.out().contains("[ok] Cluster identity: kube-system namespace uid " + uid(cluster)
                + " (created "), run.out());
        assertTrue(run.out().contains("[ok] Credentials: user \"motospkg-dev-admin\" authenticates with a bearer token."),
                run.out());
        assertTrue(run.out().contains("[ok] Permissions: in namespace default, user \"motospkg-dev-admin\" may list and"
                + " create Secrets (release records), create Leases (the release lock) and patch Deployments,"), run.out());
        assertTrue(run.out().endsWith("Healthy: motospkg can work with context motospkg-dev, server " + server(cluster)
                + ".\n"), run.out());

        CliRun cli = CliRun.of(tmp, "doctor", "--kubeconfig", cluster.kubeconfig().toString());
        assertEquals(0, cli.exitCode(), cli.out() + cli.err());
        assertTrue(cli.out().contains("uid " + uid(cluster)), cli.out());
    }

    @Test
    void twoFileKubeconfigSaysWhichFileDefinesWhat(TestCluster cluster) throws IOException {
        String text = Files.readString(cluster.kubeconfig());
        int users = text.indexOf("users:");
        int contexts = text.indexOf("contexts:");
        Path clusters = tmp.resolve("clusters.yaml");
        Files.writeString(clusters, text.substring(0, users));
        Path rest = tmp.resolve("user-and-context.yaml");
        Files.writeString(rest, text.substring(users, contexts) + text.substring(contexts));
        env.put("KUBECONFIG", rest + File.pathSeparator + clusters);
        Run run = doctor(null, null);
        assertEquals(ExitCode.OK, run.code(), run.out());
        assertTrue(run.out().startsWith("[ok] Kubeconfig: KUBECONFIG lists 2 files, merged as kubectl merges them"
                + " (the first file to set current-context wins; a context, cluster or user defined twice is taken from"
                + " the first file that defines it): " + rest + " (contexts motospkg-dev); " + clusters
                + " (no contexts). Current context \"motospkg-dev\" is set in " + rest + ".\n"), run.out());
        assertTrue(run.out().contains("[ok] Context: context \"motospkg-dev\" (in " + rest + "): cluster \"motospkg-dev\""
                + " with server " + server(cluster) + ", user \"motospkg-dev-admin\", namespace default for commands"
                + " without -n."), run.out());
        assertTrue(run.out().contains("uid " + uid(cluster)), run.out());
    }

    @Test
    void wrongCaIsATlsProblemNamingBothAuthorities(TestCluster cluster) throws IOException {
        String other = Base64.getEncoder().encodeToString(
                Files.readAllBytes(Path.of("src/test/resources/doctor/other-ca.crt")));
        Path kubeconfig = variant(cluster, "wrong-ca", "certificate-authority-data: *\\S+",
                "certificate-authority-data: " + other);
        Run run = doctor(kubeconfig, null);
        assertEquals(ExitCode.FAILED, run.code());
        assertTrue(run.out().contains("[PROBLEM] TLS: the server at " + server(cluster) + " presents a certificate that"
                + " the certificate authority of cluster \"motospkg-dev\" in the kubeconfig did not sign, so motospkg"
                + " refused the server (no credentials were sent). The server presents a certificate for"
                + " CN=kube-apiserver issued by CN=motospkg-dev-cluster-ca; the kubeconfig trusts"
                + " CN=some-other-cluster-ca. Usually the cluster was recreated with a new CA"), run.out());
        assertTrue(run.out().contains("`kubectl config set-cluster motospkg-dev --certificate-authority=CA.crt"
                + " --embed-certs`. Do not switch on insecure-skip-tls-verify."), run.out());
        assertFalse(run.out().contains("Authentication"), "a refused server is not an authentication problem");
    }

    @Test
    void badTokenIsAuthenticationNotRbac(TestCluster cluster) throws IOException {
        Path kubeconfig = variant(cluster, "bad-token", "token: *\\S+", "token: not-the-token");
        Run run = doctor(kubeconfig, null);
        assertEquals(ExitCode.FAILED, run.code());
        assertTrue(run.out().contains("[PROBLEM] Authentication: the server answered GET /version with 401"
                + " Unauthorized: it did not accept the credentials of user \"motospkg-dev-admin\" (a bearer token)."
                + " This is authentication (who you are), not RBAC permissions, which the server never got to check:"
                + " the token is wrong, expired or revoked, or it belongs to another cluster"), run.out());
        assertTrue(run.out().contains("Fix: log in again or take the cluster's current kubeconfig"), run.out());
        assertFalse(run.out().contains("not-the-token"), "the token is never printed");
    }

    /** A service account without any RBAC: authenticated (not a 401), refused by RBAC (403), said as such. */
    @Test
    void aUserWithoutRbacIsAuthenticatedButWarnedAboutPermissions(TestCluster cluster) throws IOException {
        String ns = cluster.namespace();
        cluster.client().serviceAccounts().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata().withName("nobody").endMetadata().build()).create();
        String token = cluster.client().serviceAccounts().inNamespace(ns).withName("nobody")
                .tokenRequest(new io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder().withNewSpec()
                        .withExpirationSeconds(600L).endSpec().build()).getStatus().getToken();
        Path kubeconfig = variant(cluster, "no-rbac", "token: *\\S+", "token: " + token);
        Files.writeString(kubeconfig, Files.readString(kubeconfig).replace("namespace: default", "namespace: " + ns));
        Run run = doctor(kubeconfig, null);
        assertEquals(ExitCode.OK, run.code(), "warnings only: " + run.out());
        assertTrue(run.out().contains("[warning] Permissions: user \"motospkg-dev-admin\" is authenticated, but RBAC"
                + " forbids GET namespace kube-system (403): namespaces \"kube-system\" is forbidden: User"
                + " \"system:serviceaccount:" + ns + ":nobody\" cannot get resource \"namespaces\""), run.out());
        assertTrue(run.out().contains("[warning] Permissions: in namespace " + ns + ", RBAC does not let user"
                + " \"motospkg-dev-admin\": list secrets, create secrets, create leases, patch deployments, patch services,"
                + " patch persistentvolumeclaims."), run.out());
        assertFalse(run.out().contains("Authentication"), run.out());
        assertFalse(run.out().contains(token), "the token is never printed");
    }

    @Test
    void closedPortSaysNothingAnswers(TestCluster cluster) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path kubeconfig = variant(cluster, "closed-port", "server: *\\S+", "server: https://127.0.0.1:" + port);
        Run run = doctor(kubeconfig, null);
        assertEquals(ExitCode.FAILED, run.code());
        assertTrue(run.out().contains("[PROBLEM] Server: nothing answers at https://127.0.0.1:" + port + " (connection"
                + " refused): the cluster is stopped, or the kubeconfig names an old address or port. Fix: start the"
                + " cluster; if it runs, its address changed"), run.out());
    }

    @Test
    void missingContextListsTheContextsThere(TestCluster cluster) {
        Run run = doctor(cluster.kubeconfig(), "prod");
        assertEquals(ExitCode.FAILED, run.code());
        assertTrue(run.out().contains("[PROBLEM] Context: --kube-context names context \"prod\", which none of the"
                + " kubeconfig files defines (" + cluster.kubeconfig() + ": they define motospkg-dev). Fix: `kubectl"
                + " config use-context motospkg-dev` or --kube-context motospkg-dev for one that exists"), run.out());
        CliRun cli = CliRun.of(tmp, "doctor", "--kubeconfig", cluster.kubeconfig().toString(), "--kube-context", "prod");
        assertEquals(1, cli.exitCode(), cli.out() + cli.err());
        assertEquals("", cli.err());
    }
}
