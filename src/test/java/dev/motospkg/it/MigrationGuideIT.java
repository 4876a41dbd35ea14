package dev.motospkg.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.testing.CliRun;
import dev.motospkg.testing.LegacyManifests;
import dev.motospkg.testing.RealCluster;
import dev.motospkg.testing.TestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command of docs/migrate-from-kubectl.md, in order, in a copy of the repository with
 * the legacy manifests in kubernetes/: kubectl lines through bash, {@code bin/motospkg} lines
 * in-process. The guide's namespace (motos-app) and node port become the test's own.
 */
@RealCluster
class MigrationGuideIT {
    static final Path GUIDE = Path.of("docs/migrate-from-kubectl.md");

    @TempDir
    Path root;

    @Test
    void everyCommandOfTheGuideWorksAndThePasswordIsNeverPrinted(TestCluster cluster) throws Exception {
        String ns = cluster.namespace();
        int nodePort = KubectlMigrationIT.freeNodePort();
        copyRepository(root);
        LegacyManifests.writeTo(root.resolve("kubernetes"), ns, nodePort);
        List<String> commands = commands(Files.readString(GUIDE));
        assertTrue(commands.size() >= 12, "commands found: " + commands);
        String b64 = Base64.getEncoder().encodeToString(LegacyManifests.PASSWORD.getBytes(StandardCharsets.UTF_8));
        List<String> pvcUids = new ArrayList<>();
        for (String raw : commands) {
            String command = raw.replace("motos-app", ns).replace("30080", Integer.toString(nodePort));
            String out;
            int code;
            if (command.startsWith("bin/motospkg ")) {
                List<String> args = ReleaseLifecycleIT.withoutSteps(inRoot(words(command.substring("bin/motospkg ".length()))));
                args.addAll(List.of("-n", ns, "--kubeconfig", cluster.kubeconfig().toString()));
                CliRun r = CliRun.of(root, args.toArray(String[]::new));
                out = r.out() + r.err();
                code = r.exitCode();
                assertFalse(out.contains(LegacyManifests.PASSWORD), command + " printed the password:\n" + out);
                assertFalse(out.contains(b64), command + " printed the password (base64):\n" + out);
            } else {
                ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", command)
                        .directory(root.toFile()).redirectErrorStream(true);
                pb.environment().put("KUBECONFIG", cluster.kubeconfig().toString());
                Process p = pb.start();
                p.getOutputStream().close();
                out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), command);
                code = p.exitValue();
            }
            assertEquals(0, code, command + "\n" + out);
            if (command.contains("custom-columns=NAME:.metadata.name,UID")) {
                pvcUids.add(out);
            }
            if (command.startsWith("bin/motospkg diff install --adopt --force")) {
                assertTrue(out.contains("!3 to replace"), out);
            } else if (command.startsWith("bin/motospkg diff install --adopt")) {
                assertTrue(out.contains("Preflight would refuse") && out.contains("--force"), out);
            }
        }
        assertEquals(2, pvcUids.size());
        assertEquals(pvcUids.get(0), pvcUids.get(1), "the PVCs are the same objects");
        assertTrue(pvcUids.get(0).contains("postgres-pvc"), pvcUids.get(0));
    }

    /** The commands of the guide's sh blocks: comments and blank lines out, heredocs kept whole. */
    static List<String> commands(String markdown) {
        List<String> out = new ArrayList<>();
        boolean inBlock = false;
        StringBuilder heredoc = null;
        String end = null;
        for (String line : markdown.split("\n", -1)) {
            if (!inBlock) {
                inBlock = line.equals("```sh");
                continue;
            }
            if (heredoc != null) {
                heredoc.append('\n').append(line);
                if (line.equals(end)) {
                    out.add(heredoc.toString());
                    heredoc = null;
                }
                continue;
            }
            if (line.equals("```")) {
                inBlock = false;
            } else if (line.contains("<<'")) {
                end = line.substring(line.indexOf("<<'") + 3, line.lastIndexOf('\''));
                heredoc = new StringBuilder(line);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.trim());
            }
        }
        return out;
    }

    /**
     * In-process, -f and --set-file paths resolve against the JVM's directory, not the CLI's work
     * dir: made absolute in the copy, as a shell started there would see them.
     */
    private List<String> inRoot(List<String> words) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            out.add(w);
            if ((w.equals("-f") || w.equals("--values")) && i + 1 < words.size()) {
                out.add(root.resolve(words.get(++i)).toString());
            } else if (w.equals("--set-file") && i + 1 < words.size()) {
                String kv = words.get(++i);
                int eq = kv.indexOf('=');
                out.add(kv.substring(0, eq + 1) + root.resolve(kv.substring(eq + 1)));
            }
        }
        return out;
    }

    /** Shell words: blanks split, single and double quotes group. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out;
    }

    private static void copyRepository(Path root) throws Exception {
        for (String dir : List.of("chart", "values", "schema")) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    Path target = root.resolve(p.toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
        }
    }
}
