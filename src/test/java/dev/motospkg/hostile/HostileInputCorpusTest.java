package dev.motospkg.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.CliRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At least 1,000 invalid inputs generated from one seed ({@code -Dhostile.seed=N} to vary it, printed
 * on failure), fed through the real CLI in-process: every one must end with a non-zero exit code, a
 * message with no stack trace, no Java class name and no "internal error", within 20 s, without the
 * password, and without writing any file.
 *
 * <p>Each case has one ingredient that makes it invalid (the "kind") and random noise around it.
 */
class HostileInputCorpusTest {
    static final String PASSWORD = "Hunter2-sekr3t-pw";
    private static final long SEED = Long.getLong("hostile.seed", 20261201L);
    private static final int CASES = 1100;
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:java|javax|jdk|sun|com|org|io|dev|picocli|jinjava)\\.[a-z0-9_]+(?:\\.[A-Za-z0-9_$]+)+"
                    + "|\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\\b|\\n\\s+at [a-z]");

    @TempDir
    static Path tmp;
    private static Path fifo;
    private static ServerSocket silent;
    private static Path unreachableKubeconfig;
    private static Path silentKubeconfig;

    @BeforeAll
    static void fixtures() throws Exception {
        fifo = tmp.resolve("fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        // accepts connections, never answers
        silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            List<Socket> held = new ArrayList<>();
            try {
                while (true) {
                    held.add(silent.accept());
                }
            } catch (IOException closed) {
                held.forEach(s -> { try { s.close(); } catch (IOException ignored) { } });
            }
        }, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        unreachableKubeconfig = kubeconfig("unreachable", "https://127.0.0.1:" + closedPort);
        silentKubeconfig = kubeconfig("silent", "http://127.0.0.1:" + silent.getLocalPort());
    }

    @AfterAll
    static void close() throws IOException {
        silent.close();
    }

    static Path kubeconfig(String name, String server) {
        String text = "apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: k\n  cluster:\n    server: \""
                + server.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\ncontexts:\n- name: c\n  context:\n"
                + "    cluster: k\n    user: u\nusers:\n- name: u\n  user:\n    token: t\n";
        return write(tmp.resolve("kubeconfig-" + name + "-" + Math.abs(text.hashCode())), text);
    }

    static Path write(Path p, String text) {
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Case(String kind, List<String> args) {
    }

    @Test
    void everyHostileInputIsRefusedCleanly() throws Exception {
        Random random = new Random(SEED);
        Generator gen = new Generator(random, tmp);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(gen.next(i));
        }
        Path cwd = Path.of("").toAbsolutePath();
        List<String> before = listing(cwd);
        List<String> failures = new ArrayList<>();
        java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
        long slowest = 0;
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hostile-case");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Case c : cases) {
                kinds.merge(c.kind(), 1, Integer::sum);
                long start = System.nanoTime();
                Future<CliRun> run = runner.submit(() -> CliRun.of(cwd, c.args().toArray(String[]::new)));
                CliRun result;
                try {
                    result = run.get(20, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    failures.add(c.kind() + ": ran past 20 s: " + c.args());
                    run.cancel(true);
                    runner.shutdownNow();
                    runner = Executors.newSingleThreadExecutor();
                    continue;
                }
                slowest = Math.max(slowest, System.nanoTime() - start);
                String text = result.out() + result.err();
                if (result.exitCode() == 0) {
                    failures.add(c.kind() + ": exit 0 on invalid input " + c.args() + "\n" + head(text) + files(c));
                } else if (CLASS_NAME.matcher(text).find()) {
                    failures.add(c.kind() + ": stack trace or class name: " + c.args() + "\n" + head(result.err()));
                } else if (text.contains("internal error")) {
                    failures.add(c.kind() + ": internal error: " + c.args() + "\n" + head(result.err()));
                } else if (text.contains(PASSWORD)) {
                    failures.add(c.kind() + ": password echoed: " + c.args() + "\n" + head(text));
                } else if (!result.err().startsWith("Error: ")) {
                    failures.add(c.kind() + ": no Error: line: " + c.args() + "\n" + head(text));
                }
                if (failures.size() > 20) {
                    break;
                }
            }
        } finally {
            runner.shutdownNow();
        }
        assertEquals(before, listing(cwd), "no file written in the working directory");
        try (Stream<Path> outputs = Files.walk(tmp.resolve("out"))) {
            assertEquals(List.of(tmp.resolve("out")), outputs.toList(), "no file written into any --output-dir");
        }
        System.out.println("[hostile corpus] seed " + SEED + ": " + cases.size() + " cases, kinds " + kinds
                + ", slowest " + TimeUnit.NANOSECONDS.toMillis(slowest) + " ms");
        assertTrue(cases.size() >= 1000);
        assertTrue(failures.isEmpty(), "seed " + SEED + ", " + failures.size() + " failures:\n"
                + String.join("\n---\n", failures));
    }

    /** The files a case names, shown when it fails. */
    private static String files(Case c) {
        StringBuilder sb = new StringBuilder();
        for (String a : c.args()) {
            Path p = Path.of(a.replaceAll("^[^=]*=", ""));
            if (a.startsWith("/") && Files.isRegularFile(p)) {
                try {
                    sb.append("\n").append(p).append(":\n").append(head(Files.readString(p)));
                } catch (IOException e) {
                    sb.append("\n").append(p).append(": (binary)");
                }
            }
        }
        return sb.toString();
    }

    private static String head(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("target")).sorted().toList();
        }
    }

    static Path fifo() {
        return fifo;
    }

    static Path unreachableKubeconfig() {
        return unreachableKubeconfig;
    }

    static Path silentKubeconfig() {
        return silentKubeconfig;
    }
}
