package dev.motospkg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.motospkg.testing.ActionFixture;
import dev.motospkg.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every motospkg command written in the README, docs/chart.md and the values files runs as written (fake cluster). */
class DocsExamplesTest {

    /** Lines starting with {@code motospkg } in the text, continuation lines ({@code \}) joined. */
    static List<String[]> commands(String text, String prefix) {
        List<String[]> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith(prefix)) {
                continue;
            }
            StringBuilder command = new StringBuilder(line);
            while (command.toString().endsWith("\\") && i + 1 < lines.length) {
                command.setLength(command.length() - 1);
                command.append(' ').append(lines[++i].strip().replaceFirst("^#\\s*", ""));
            }
            String[] words = command.substring(prefix.length()).trim().split("\\s+");
            out.add(words);
        }
        return out;
    }

    private static void runAll(Path file, String prefix) throws IOException {
        List<String[]> commands = commands(Files.readString(file), prefix);
        assertFalse(commands.isEmpty(), "no motospkg command found in " + file);
        for (String[] args : commands) {
            ActionFixture f = ActionFixture.inProject();
            CliRun run = f.cli(args);
            assertEquals(0, run.exitCode(), file + ": motospkg " + String.join(" ", args) + "\n" + run.err());
        }
    }

    @Test
    void chartDocs() throws IOException {
        runAll(Path.of("docs/chart.md"), "motospkg ");
    }

    /** The README's commands, in order, on one fake cluster (each needs what the ones before it did). */
    @Test
    void readmeCommands() throws IOException {
        String text = Files.readString(Path.of("README.md"));
        String block = text.substring(text.indexOf("```sh\nbin/motospkg template"));
        block = block.substring(0, block.indexOf("```", 5));
        ActionFixture f = ActionFixture.inProject();
        for (String[] args : commands(block, "bin/motospkg ")) {
            String[] cut = Arrays.stream(args).takeWhile(a -> !a.equals("#")).toArray(String[]::new);
            CliRun run = f.cli(cut);
            int expected = Arrays.asList(cut).contains("--exit-code") ? 3 : 0; // 3: the diff found changes
            assertEquals(expected, run.exitCode(), "README: bin/motospkg " + String.join(" ", cut) + "\n" + run.err());
        }
    }

    @Test
    void valuesFileComments() throws IOException {
        runAll(Path.of("values/values-dev.yaml"), "#   motospkg ");
    }

    @Test
    void continuationLinesAreJoined() {
        assertEquals(List.of("install", "motos", "chart/", "--set", "a=b"),
                Arrays.asList(commands("motospkg install motos chart/ \\\n  --set a=b\n", "motospkg ").get(0)));
    }
}
