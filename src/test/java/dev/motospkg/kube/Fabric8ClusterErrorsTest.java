package dev.motospkg.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server answers the local API server never gives (403, a non-Kubernetes server, a hang), from a
 * canned HTTP server on loopback.
 */
class Fabric8ClusterErrorsTest {

    @TempDir
    Path dir;
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private KubeConnection connect(String url, Duration timeout) throws IOException {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, KubeConnectionTest.kubeconfig("first", url));
        return new KubeConnection(kubeconfig, null, Map.of(), dir, timeout, timeout);
    }

    private String serve(Map<String, String[]> routes) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String[] answer = routes.get(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            reply(exchange, answer == null ? 404 : Integer.parseInt(answer[0]), answer == null ? "404 page" : answer[1]);
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void reply(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void aServerThatIsNotKubernetesIsToldApart() throws IOException {
        try (KubeConnection connection = connect(serve(Map.of()), Duration.ofSeconds(1))) {
            Fabric8Cluster kube = new Fabric8Cluster(connection);
            MotosException onGet = assertThrows(MotosException.class,
                    () -> kube.get(new ObjectKey("v1", "LimitRange", "team", "x")));
            assertTrue(onGet.getMessage().endsWith("(GET /api/v1: not found)"), onGet.getMessage());
        }
    }

    @Test
    void forbiddenNamesRbacUserAndContext() throws IOException {
        String url = serve(Map.of(
                "GET /api/v1", new String[] {"200", """
                        {"kind":"APIResourceList","groupVersion":"v1","resources":[
                         {"name":"configmaps","singularName":"","namespaced":true,"kind":"ConfigMap","verbs":["get","patch"]}]}"""},
                "PATCH /api/v1/namespaces/team/configmaps/settings", new String[] {"403", """
                        {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,
                         "message":"configmaps \\"settings\\" is forbidden: User \\"alice\\" cannot patch resource \\"configmaps\\" in API group \\"\\" in the namespace \\"team\\""}"""}));
        try (KubeConnection connection = connect(url, Duration.ofSeconds(1))) {
            Fabric8Cluster kube = new Fabric8Cluster(connection);
            MotosException e = assertThrows(MotosException.class, () -> kube.apply(Map.of("apiVersion", "v1",
                    "kind", "ConfigMap", "metadata", Map.of("name", "settings")), false));
            assertEquals(ExitCode.FAILED, e.exitCode());
            assertEquals("cannot apply ConfigMap/settings (" + connection.describe() + "): forbidden (403): configmaps"
                    + " \"settings\" is forbidden: User \"alice\" cannot patch resource \"configmaps\" in API group \"\""
                    + " in the namespace \"team\"", e.getMessage());
            assertEquals("RBAC: user alice of context first lacks this permission; ask a cluster admin for a"
                    + " Role/ClusterRole binding, check with `kubectl --context first auth can-i patch <resource>`", e.hint());
            assertTrue(kube.isNamespaced("v1", "ConfigMap"));
            assertEquals(1, kube.requestCount(), "a built-in kind needs no discovery: just the PATCH");
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // accept, never answer
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (KubeConnection connection = connect("http://127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(300))) {
                long t0 = System.nanoTime();
                MotosException e = assertThrows(MotosException.class, 
                        () -> new Fabric8Cluster(connection).get(new ObjectKey("v1", "ConfigMap", "team", "x")));
                long millis = (System.nanoTime() - t0) / 1_000_000;
                assertEquals("cannot reach the Kubernetes API server (" + connection.describe()
                        + "): no answer within 0.3s", e.getMessage());
                assertTrue(millis < 3000, "one retry at most, took " + millis + " ms");
            }
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
