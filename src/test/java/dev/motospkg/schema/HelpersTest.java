package dev.motospkg.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpersTest {
    @Test
    void pathFormatting() {
        assertEquals("(root)", Paths.format(List.of()));
        assertEquals("backend.tag", Paths.format(List.of("backend", "tag")));
        assertEquals("resources.limits[0]", Paths.format(List.of("resources", "limits", 0)));
        assertEquals("list[2][3].x", Paths.format(List.of("list", 2, 3, "x")));
        assertEquals("podAnnotations[\"app.kubernetes.io/name\"]",
                Paths.format(List.of("podAnnotations", "app.kubernetes.io/name")));
        assertEquals("[\"a b\"].c", Paths.format(List.of("a b", "c")));
    }

    @Test
    void pathOrdering() {
        List<List<Object>> paths = new ArrayList<>(List.of(List.of("b"), List.of("a", 10), List.of("a", "x"),
                List.of("a", 2), List.of("a"), List.of()));
        paths.sort(Paths.ORDER);
        assertEquals(List.of(List.of(), List.of("a"), List.of("a", 2), List.of("a", 10), List.of("a", "x"),
                List.of("b")), paths);
    }

    @Test
    void normalizeTurnsNumbersIntoIndexes() {
        assertEquals(List.of("a", 1, "2"), Paths.normalize(List.of("a", 1L, "2")));
    }

    @Test
    void suggestions() {
        List<String> keys = List.of("repository", "tag", "pullPolicy", "replicas", "nodePort", "port");
        assertEquals("tag", Suggestions.closest("tga", keys));
        assertEquals("tag", Suggestions.closest("tg", keys));
        assertEquals("repository", Suggestions.closest("repo", keys));
        assertEquals("repository", Suggestions.closest("repositry", keys));
        assertEquals("nodePort", Suggestions.closest("nodeport", keys));
        assertEquals("pullPolicy", Suggestions.closest("imagePullPolicy", keys));
        assertEquals("port", Suggestions.closest("prot", keys));
        assertNull(Suggestions.closest("xyz", keys));
        assertNull(Suggestions.closest("monitoring", keys));
        assertEquals(1, Suggestions.distance("tga", "tag"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
    }
}
