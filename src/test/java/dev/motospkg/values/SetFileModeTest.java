package dev.motospkg.values;

import static dev.motospkg.values.Trees.l;
import static dev.motospkg.values.Trees.m;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetFileModeTest {

    @TempDir
    Path dir;

    @Test
    void fileContentBecomesTheStringValue() throws Exception {
        Path script = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\necho a,b=c\ntrue\n");
        Path number = Files.writeString(dir.resolve("n.txt"), "42");
        List<Assignment> parsed = new SetParser().parse(
                "cfg.script=" + script + ",n=" + number, SetMode.FILE, SetParser::readUtf8);

        assertEquals(SetValue.literal("#!/bin/sh\necho a,b=c\ntrue\n"), parsed.get(0).value());
        assertFalse(parsed.get(0).value().guessable());
        Map<String, Object> tree = new LinkedHashMap<>();
        Assignments.apply(tree, parsed, LeafResolver.helmGuessing());
        assertEquals(m("cfg", m("script", "#!/bin/sh\necho a,b=c\ntrue\n"), "n", "42"), tree);
        assertEquals("--set-file n=" + number, parsed.get(1).origin());
    }

    @Test
    void listOfFilesAndEscapedPathsGoThroughTheReader() {
        List<Path> asked = new ArrayList<>();
        List<Assignment> parsed = new SetParser().parse("a={x.txt,d/y\\,z.txt},b=null", SetMode.FILE, p -> {
            asked.add(p);
            return "<" + p + ">";
        });
        assertEquals(List.of(Path.of("x.txt"), Path.of("d/y,z.txt"), Path.of("null")), asked);
        Map<String, Object> tree = new LinkedHashMap<>();
        Assignments.apply(tree, parsed, LeafResolver.helmGuessing());
        // a file named "null" is content, never a deletion
        assertEquals(m("a", l("<x.txt>", "<d/y,z.txt>"), "b", "<null>"), tree);
    }

    @Test
    void defaultOverloadReadsFromDisk() throws Exception {
        Path f = Files.writeString(dir.resolve("v.txt"), "true");
        assertEquals(SetValue.literal("true"), new SetParser().parse("v=" + f, SetMode.FILE).get(0).value());
    }

    @Test
    void missingFileIsInvalidInput() {
        Path missing = dir.resolve("missing.txt");
        String argument = "cfg=" + missing;
        MotosException e = assertThrows(MotosException.class,
                () -> new SetParser().parse(argument, SetMode.FILE, SetParser::readUtf8));
        assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
        assertTrue(e.getMessage().startsWith("--set-file \"" + argument + "\": cannot read file \""
                + missing + "\" at position 5: "), e.getMessage());
        assertTrue(e.hint().contains("--set-file config=./app.conf"), e.hint());
    }

    @Test
    void readerFailuresAreWrapped() {
        MotosException thrown = assertThrows(MotosException.class, () -> new SetParser().parse("a=f", SetMode.FILE,
                p -> {
                    throw new IllegalStateException("boom");
                }));
        assertEquals("--set-file \"a=f\": cannot read file \"f\" at position 3: boom", thrown.getMessage());
        MotosException nullContent = assertThrows(MotosException.class,
                () -> new SetParser().parse("a=f", SetMode.FILE, p -> null));
        assertEquals("--set-file \"a=f\": cannot read file \"f\" at position 3", nullContent.getMessage());
    }
}
