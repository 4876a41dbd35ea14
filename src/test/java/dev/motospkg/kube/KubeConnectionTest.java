package dev.motospkg.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing kubeconfig and context like kubectl; nothing here talks to a server. */
class KubeConnectionTest {

    @TempDir
    Path dir;

    static String kubeconfig(String current, String server) {
        return """
                apiVersion: v1
                kind: Config
                current-context: %s
                clusters:
                - name: one
                  cluster: {server: "%s"}
                - name: two
                  cluster: {server: "https://10.0.0.2:6443"}
                contexts:
                - name: first
                  context: {cluster: one, user: alice, namespace: team}
                - name: second
                  context: {cluster: two, user: bob}
                users:
                - name: alice
                  user: {token: abc}
                - name: bob
                  user: {token: def}
                """.formatted(current, server);
    }

    private Path write(String name, String contents) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, contents);
        return file;
    }

    private KubeConnection connect(Path flag, String context, Map<String, String> env) {
        return new KubeConnection(flag, context, env, dir.resolve("home"), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void flagWinsAndCurrentContextIsUsed() throws IOException {
        Path flag = write("flag", kubeconfig("first", "https://127.0.0.1:1"));
        Path env = write("env", kubeconfig("second", "https://127.0.0.1:2"));
        try (KubeConnection c = connect(flag, null, Map.of("KUBECONFIG", env.toString()))) {
            assertEquals(flag, c.kubeconfigPath());
            assertEquals("first", c.context());
            assertEquals("https://127.0.0.1:1", c.server());
            assertEquals("alice", c.user());
            assertEquals("team", c.defaultNamespace());
            assertEquals("context first, server https://127.0.0.1:1", c.describe());
            assertEquals(0, c.requestCount());
        }
    }

    @Test
    void firstFileOfKubeconfigListThenContextFlag() throws IOException {
        Path a = write("a", kubeconfig("first", "https://127.0.0.1:1"));
        Path b = write("b", kubeconfig("first", "https://127.0.0.1:9"));
        try (KubeConnection c = connect(null, "second", Map.of("KUBECONFIG", a + java.io.File.pathSeparator + b))) {
            assertEquals(a, c.kubeconfigPath());
            assertEquals("second", c.context());
            assertEquals("https://10.0.0.2:6443", c.server());
            assertEquals("default", c.defaultNamespace());
        }
    }

    @Test
    void severalKubeconfigFilesAreMergedLikeKubectl() throws IOException {
        Path main = write("main", """
                apiVersion: v1
                kind: Config
                clusters:
                - name: one
                  cluster: {server: "https://127.0.0.1:1"}
                contexts:
                - name: first
                  context: {cluster: one, user: alice}
                users:
                - name: alice
                  user: {token: abc}
                """);
        Files.createDirectories(dir.resolve("other"));
        Files.writeString(dir.resolve("other/ca.crt"), "not really a certificate");
        Path other = write("other/config", """
                apiVersion: v1
                kind: Config
                current-context: lab
                clusters:
                - name: one
                  cluster: {server: "https://10.9.9.9:1"}
                - name: lab
                  cluster: {server: "https://127.0.0.1:7", certificate-authority: ca.crt}
                contexts:
                - name: lab
                  context: {cluster: lab, user: bob, namespace: exp}
                users:
                - name: bob
                  user: {token: def}
                """);
        String list = String.join(java.io.File.pathSeparator, dir.resolve("missing").toString(), main.toString(),
                other.toString());
        // the first file names no current-context, so the second's counts; its context lives in the second file
        try (KubeConnection c = connect(null, null, Map.of("KUBECONFIG", list))) {
            assertEquals("lab", c.context());
            assertEquals("https://127.0.0.1:7", c.server());
            assertEquals("exp", c.defaultNamespace());
        }
        // a name defined in both: the first file's entry wins, as in kubectl
        try (KubeConnection c = connect(null, "first", Map.of("KUBECONFIG", list))) {
            assertEquals("https://127.0.0.1:1", c.server());
            assertEquals("alice", c.user());
        }
        MotosException none = assertThrows(MotosException.class, () -> connect(null, null,
                Map.of("KUBECONFIG", dir.resolve("x") + java.io.File.pathSeparator + dir.resolve("y"))));
        assertTrue(none.getMessage().startsWith("none of the KUBECONFIG files exists"), none.getMessage());
    }

    @Test
    void homeKubeConfigIsTheLastResort() throws IOException {
        Files.createDirectories(dir.resolve("home/.kube"));
        Files.writeString(dir.resolve("home/.kube/config"), kubeconfig("second", "x"));
        try (KubeConnection c = connect(null, null, Map.of())) {
            assertEquals(dir.resolve("home/.kube/config"), c.kubeconfigPath());
            assertEquals("second", c.context());
        }
    }

    @Test
    void missingKubeconfigIsInvalidInputWithHowToGetOne() {
        MotosException e = assertThrows(MotosException.class, () -> connect(null, null, Map.of()));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertEquals("no kubeconfig at " + dir.resolve("home/.kube/config") + " (default location)", e.getMessage());
        assertTrue(e.hint().contains("minikube update-context") && e.hint().contains("scripts/dev-cluster up"), e.hint());

        MotosException viaEnv = assertThrows(MotosException.class,
                () -> connect(null, null, Map.of("KUBECONFIG", dir.resolve("nope").toString())));
        assertEquals("no kubeconfig at " + dir.resolve("nope") + " (KUBECONFIG)", viaEnv.getMessage());
    }

    @Test
    void unknownContextListsTheAvailableOnes() throws IOException {
        Path flag = write("flag", kubeconfig("first", "https://127.0.0.1:1"));
        MotosException e = assertThrows(MotosException.class, () -> connect(flag, "prod", Map.of()));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertEquals("context \"prod\" is not in kubeconfig " + flag + " (available: first, second)", e.getMessage());
        assertEquals("check --kube-context", e.hint());
    }

    @Test
    void staleCurrentContextAndNoContextAtAll() throws IOException {
        Path stale = write("stale", kubeconfig("gone", "https://127.0.0.1:1"));
        MotosException e = assertThrows(MotosException.class, () -> connect(stale, null, Map.of()));
        assertEquals("context \"gone\" is not in kubeconfig " + stale + " (available: first, second)", e.getMessage());

        Path none = write("none", "apiVersion: v1\nkind: Config\ncontexts: []\n");
        MotosException noCurrent = assertThrows(MotosException.class, () -> connect(none, null, Map.of()));
        assertEquals("kubeconfig " + none + " has no current context (it defines no contexts)", noCurrent.getMessage());
    }

    @Test
    void brokenYamlIsInvalidInput() throws IOException {
        Path broken = write("broken", "clusters: [\n");
        MotosException e = assertThrows(MotosException.class, () -> connect(broken, null, Map.of()));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith("kubeconfig " + broken + " is not valid YAML"), e.getMessage());
    }
}
