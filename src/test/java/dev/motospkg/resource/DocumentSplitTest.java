package dev.motospkg.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.motospkg.render.RenderedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** split and isBlank scan the text in place; they must agree with the line-array versions they replaced. */
class DocumentSplitTest {
    private static final List<String> TEXTS = List.of("", "\n", "a", "a\n", "a\nb", "---", "---\n", "\n---\n\n",
            "a: 1\n---\nb: 2\n", "a: 1\n--- # note\nb: 2", "a: 1\n---  \r\nb: 2\n", "---x\nkind: A\n", " ---\nx\n",
            "# c\n---\n\n--- \n  # d\n", "x: |\n  ---\n  y\n", "a\n\n\n---\n\n\nb\n\n", "\u00a0---\n", "\t\n", "  ---  \n");

    @Test
    void splitMatchesTheLineArrayVersion() {
        for (String text : TEXTS) {
            assertEquals(oldSplit(text), ManifestParser.split(new RenderedFile("t", text)), () -> "split of " + text);
        }
    }

    @Test
    void isBlankMatchesTheLineArrayVersion() {
        List<String> more = new ArrayList<>(TEXTS);
        more.addAll(List.of(" ", "#", " # x\n---\n", "  ---  \n \n", "----", "-- -", "\r\n#\r\n", "a\u2003", "\u2003\n"));
        for (String text : more) {
            assertEquals(oldIsBlank(text), new RenderedFile("t", text).isBlank(), () -> "isBlank of " + text);
        }
    }

    private static final Pattern SEPARATOR = Pattern.compile("^---\\s*(#.*)?$");

    private static List<ManifestParser.Document> oldSplit(String text) {
        List<ManifestParser.Document> docs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int start = 1;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (SEPARATOR.matcher(lines[i]).matches()) {
                docs.add(new ManifestParser.Document(current.toString(), start));
                current.setLength(0);
                start = i + 2;
            } else {
                current.append(lines[i]).append('\n');
            }
        }
        docs.add(new ManifestParser.Document(current.toString(), start));
        return docs;
    }

    private static boolean oldIsBlank(String text) {
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#") && !t.equals("---")) {
                return false;
            }
        }
        return true;
    }
}
