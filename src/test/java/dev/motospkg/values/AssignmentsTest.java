package dev.motospkg.values;

import static dev.motospkg.values.Trees.applied;
import static dev.motospkg.values.Trees.l;
import static dev.motospkg.values.Trees.m;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.MotosException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AssignmentsTest {

    /** Start tree, --set argument, resulting tree. */
    static Stream<Arguments> onExistingTrees() {
        return Stream.of(
                Arguments.of(m("a", 1L, "b", 2L), "a=null", m("b", 2L)),
                Arguments.of(m("a", m("x", 1L, "y", 2L)), "a.x=null", m("a", m("y", 2L))),
                Arguments.of(m("a", m("x", 1L)), "a=NULL", m()),
                Arguments.of(m("a", l("x", "y")), "a[1]=null", m("a", l("x", null))),
                Arguments.of(m("a", 1L), "missing=null,deep.missing.key=null,a[3]=null", m("a", 1L)),
                Arguments.of(m("a", 1L), "a=2,a=3", m("a", 3L)),
                Arguments.of(m("a", m("keep", true)), "a.add=x", m("a", m("keep", true, "add", "x"))),
                Arguments.of(m("a", m("deep", m("x", 1L))), "a=flat", m("a", "flat")),
                Arguments.of(m("s", l(m("host", "h", "port", 1L))), "s[0].port=80,s[1].port=81",
                        m("s", l(m("host", "h", "port", 80L), m("port", 81L)))),
                Arguments.of(m("s", l("a", "b", "c")), "s={x}", m("s", l("x"))),
                Arguments.of(m("s", l("a", "b", "c")), "s=[]", m("s", l())),
                Arguments.of(m("a", null), "a.b=1", m("a", m("b", 1L))),
                Arguments.of(m("a", l(null, "x")), "a[0].b=1,a[0]=null", m("a", l(null, "x"))),
                Arguments.of(m("a", "x"), "a=null,a.b=y", m("a", m("b", "y"))));
    }

    @ParameterizedTest(name = "[{index}] {0} + {1}")
    @MethodSource("onExistingTrees")
    void appliesInOrderOntoExistingTree(Map<String, Object> start, String argument, Map<String, Object> expected) {
        assertEquals(expected, applied(start, argument, SetMode.SET));
    }

    static Stream<Arguments> conflicts() {
        return Stream.of(
                Arguments.of(m("a", "x"), "a.b=1",
                        "--set \"a.b\": cannot set a.b because a is a string, not a map"),
                Arguments.of(m("a", m()), "a[0]=1", "--set \"a[0]\": cannot set a[0] because a is a map, not a list"),
                Arguments.of(m("a", l()), "a.b=1", "--set \"a.b\": cannot set a.b because a is a list, not a map"),
                Arguments.of(m("a", l(5L)), "a[0][1]=1",
                        "--set \"a[0][1]\": cannot set a[0][1] because a[0] is a number, not a list"),
                Arguments.of(m(), "x=true,x.y=1", "--set \"x.y\": cannot set x.y because x is a boolean, not a map"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("conflicts")
    void reportsStructureConflictsWithOrigin(Map<String, Object> start, String argument, String message) {
        MotosException e = assertThrows(MotosException.class, () -> applied(start, argument, SetMode.SET));
        assertEquals(message, e.getMessage());
        assertTrue(e.hint().contains("=null,"), e.hint());
    }

    @Test
    void laterFlagsWinAcrossModes() {
        SetParser parser = new SetParser();
        Map<String, Object> tree = new java.util.LinkedHashMap<>();
        List<Assignment> all = new ArrayList<>();
        all.addAll(parser.parse("a=1,b=2", SetMode.SET));
        all.addAll(parser.parse("a=1", SetMode.STRING));
        all.addAll(parser.parse("b=3", SetMode.SET));
        Assignments.apply(tree, all, LeafResolver.helmGuessing());
        assertEquals(m("a", "1", "b", 3L), tree);
    }

    @Test
    void resolverDecidesLeavesAndSeesPaths() {
        // A schema-like resolver: "tag" is a string property, everything else Helm-guessed.
        LeafResolver helm = LeafResolver.helmGuessing();
        List<List<Object>> seen = new ArrayList<>();
        LeafResolver schemaAware = (path, value) -> {
            seen.add(path);
            return path.get(path.size() - 1).equals("tag") ? value.text() : helm.resolve(path, value);
        };
        Map<String, Object> tree = new java.util.LinkedHashMap<>();
        Assignments.apply(tree, new SetParser().parse("image.tag=1.10,image.pull=true,ports={80,81},gone=null",
                SetMode.SET), schemaAware);
        assertEquals(m("image", m("tag", "1.10", "pull", true), "ports", l(80L, 81L)), tree);
        assertEquals(List.of(List.of("image", "tag"), List.of("image", "pull"), List.of("ports")), seen);
    }

    @Test
    void resolvedListsStayMutableForLaterIndexes() {
        Map<String, Object> tree = new java.util.LinkedHashMap<>();
        Assignments.apply(tree, new SetParser().parse("a={x},a[2]=z", SetMode.STRING), LeafResolver.helmGuessing());
        assertEquals(m("a", l("x", null, "z")), tree);
    }
}
