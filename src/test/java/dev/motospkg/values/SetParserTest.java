package dev.motospkg.values;

import static dev.motospkg.values.Trees.applied;
import static dev.motospkg.values.Trees.l;
import static dev.motospkg.values.Trees.m;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SetParserTest {

    /** Every example of Helm's "The Format and Limitations of --set" (input tree, argument, result). */
    static Stream<Arguments> helmDocumentedExamples() {
        return Stream.of(
                Arguments.of(m(), "name=value", m("name", "value")),
                Arguments.of(m(), "a=b,c=d", m("a", "b", "c", "d")),
                Arguments.of(m(), "outer.inner=value", m("outer", m("inner", "value"))),
                // The docs render {a, b, c} as a/b/c; Helm's parser really keeps the blanks after commas.
                Arguments.of(m(), "name={a, b, c}", m("name", l("a", " b", " c"))),
                Arguments.of(m(), "name={a,b,c}", m("name", l("a", "b", "c"))),
                // Documented as `name: []` and `a: null` over {name: [a,b,c], a: b}; null deletes the key.
                Arguments.of(m("name", l("a", "b", "c"), "a", "b"), "name=[],a=null", m("name", l())),
                Arguments.of(m(), "servers[0].port=80", m("servers", l(m("port", 80L)))),
                Arguments.of(m(), "servers[0].port=80,servers[0].host=example",
                        m("servers", l(m("port", 80L, "host", "example")))),
                Arguments.of(m(), "name=value1\\,value2", m("name", "value1,value2")),
                // As written in the docs (quotes reach us when not stripped by a shell) ...
                Arguments.of(m(), "nodeSelector.\"kubernetes\\.io/role\"=master",
                        m("nodeSelector", m("kubernetes.io/role", "master"))),
                // ... and as a POSIX shell passes it to Helm (quotes removed, backslash kept).
                Arguments.of(m(), "nodeSelector.kubernetes\\.io/role=master",
                        m("nodeSelector", m("kubernetes.io/role", "master"))),
                Arguments.of(m("name", "x", "other", 1L), "name=null", m("other", 1L)));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("helmDocumentedExamples")
    void helmDocumentedExamples(Map<String, Object> start, String argument, Map<String, Object> expected) {
        assertEquals(expected, applied(start, argument, SetMode.SET));
    }

    static Stream<Arguments> syntax() {
        return Stream.of(
                Arguments.of("a=b=c", m("a", "b=c")),
                Arguments.of("a=", m("a", "")),
                Arguments.of("a=,b=c", m("a", "", "b", "c")),
                Arguments.of("a= hello  world ", m("a", " hello  world ")),
                Arguments.of(" key =v", m(" key ", "v")),
                Arguments.of("a.b.c=1,a.b.d=2,a.e=3", m("a", m("b", m("c", 1L, "d", 2L), "e", 3L))),
                Arguments.of("a[1]=x", m("a", l(null, "x"))),
                Arguments.of("a[003]=x", m("a", l(null, null, null, "x"))),
                Arguments.of("a[0][1]=x", m("a", l(l(null, "x")))),
                Arguments.of("a[0][1][0]=x", m("a", l(l(null, l("x"))))),
                Arguments.of("a[0].b[1].c=1", m("a", l(m("b", l(null, m("c", 1L)))))),
                Arguments.of("a.b[0]=1,a.b[1]=2", m("a", m("b", l(1L, 2L)))),
                Arguments.of("a[2]=x,a[0]=y", m("a", l("y", null, "x"))),
                Arguments.of("a={x,y},a[3]=z", m("a", l("x", "y", null, "z"))),
                Arguments.of("a={}", m("a", l())),
                Arguments.of("a={},b=c", m("a", l(), "b", "c")),
                Arguments.of("a={x}", m("a", l("x"))),
                Arguments.of("a={,}", m("a", l("", ""))),
                Arguments.of("a={1,true,null,007,-3}", m("a", l(1L, true, null, "007", -3L))),
                Arguments.of("a={x\\,y,z\\}}", m("a", l("x,y", "z}"))),
                Arguments.of("a={x=1,y.z},b=c", m("a", l("x=1", "y.z"), "b", "c")),
                Arguments.of("a=x{y}", m("a", "x{y}")),
                Arguments.of("a=\\{x}", m("a", "{x}")),
                Arguments.of("a= {x}", m("a", " {x}")),
                Arguments.of("a=[1]", m("a", "[1]")),
                Arguments.of("a=[],b=[]x", m("a", l(), "b", "[]x")),
                Arguments.of("a=\\[]", m("a", "[]")),
                Arguments.of("a=1.5,b=1e3,c=0,d=007", m("a", "1.5", "b", "1e3", "c", 0L, "d", "007")),
                Arguments.of("a=TRUE,b=False", m("a", true, "b", false)),
                Arguments.of("a=\\\\", m("a", "\\")),
                Arguments.of("a=x.y[0]", m("a", "x.y[0]")),
                Arguments.of("a.b\\.c=1", m("a", m("b.c", 1L))),
                Arguments.of("a\\[0\\]=1", m("a[0]", 1L)),
                Arguments.of("a\\=b=c", m("a=b", "c")),
                Arguments.of("\"a.b\"=1", m("a.b", 1L)),
                Arguments.of("a.\"b=c,d[0]\"=1", m("a", m("b=c,d[0]", 1L))),
                Arguments.of("a.\"x\\\"y\"=1", m("a", m("x\"y", 1L))),
                Arguments.of("a.\"q\"[0]=1", m("a", m("q", l(1L)))),
                Arguments.of("a\"b\"=1", m("a\"b\"", 1L)),
                Arguments.of("a=1,a=2", m("a", 2L)),
                Arguments.of("a.b=1,a=2", m("a", 2L)),
                Arguments.of("a=x,a=null,a.b=y", m("a", m("b", "y"))),
                Arguments.of("ключ=значение,emoji=😀", m("ключ", "значение", "emoji", "😀")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("syntax")
    void syntax(String argument, Map<String, Object> expected) {
        assertEquals(expected, applied(m(), argument, SetMode.SET));
    }

    static Stream<Arguments> stringMode() {
        return Stream.of(
                Arguments.of("a=true,b=1,c=null,d=007", m("a", "true", "b", "1", "c", "null", "d", "007")),
                Arguments.of("a={1,true}", m("a", l("1", "true"))),
                Arguments.of("a={}", m("a", l())),
                Arguments.of("a=[]", m("a", "[]")),
                Arguments.of("a.b[1]=false", m("a", m("b", l(null, "false")))),
                Arguments.of("a=x\\,y", m("a", "x,y")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("stringMode")
    void stringModeNeverGuesses(String argument, Map<String, Object> expected) {
        assertEquals(expected, applied(m(), argument, SetMode.STRING));
    }

    static Stream<Arguments> origins() {
        return Stream.of(
                Arguments.of("a.b=c,d[0].e=f\\,g", SetMode.SET, List.of("--set a.b", "--set d[0].e")),
                Arguments.of("l={a,b},x=y", SetMode.SET, List.of("--set l", "--set x")),
                Arguments.of("a=,b=", SetMode.SET, List.of("--set a", "--set b")),
                Arguments.of("x=[],y=1", SetMode.SET, List.of("--set x", "--set y")),
                Arguments.of("k=true", SetMode.STRING, List.of("--set-string k")),
                Arguments.of("k=f1,j={f2,f3}", SetMode.FILE, List.of("--set-file k=f1", "--set-file j={f2,f3}")));
    }

    @ParameterizedTest(name = "[{index}] {1} {0}")
    @MethodSource("origins")
    void originPerAssignment(String argument, SetMode mode, List<String> expected) {
        List<Assignment> parsed = new SetParser().parse(argument, mode, p -> "content");
        assertEquals(expected, parsed.stream().map(Assignment::origin).toList());
    }

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("a=1", List.of("a")),
                Arguments.of("a.b=1", List.of("a", "b")),
                Arguments.of("servers[0].port=1", List.of("servers", 0, "port")),
                Arguments.of("a[0][65536]=1", List.of("a", 0, 65536)),
                Arguments.of("nodeSelector.kubernetes\\.io/role=1", List.of("nodeSelector", "kubernetes.io/role")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("paths")
    void paths(String argument, List<Object> expected) {
        assertEquals(expected, new SetParser().parse(argument, SetMode.SET).get(0).path());
    }

    @Test
    void setValuesKeepRawTextAndMode() {
        List<Assignment> set = new SetParser().parse("a={1,x},b=null,c=NULL,d=", SetMode.SET);
        assertEquals(SetValue.list(List.of(SetValue.guessable("1"), SetValue.guessable("x")), true), set.get(0).value());
        assertTrue(set.get(1).value().isNull());
        assertTrue(set.get(2).value().isNull());
        assertEquals(SetValue.guessable(""), set.get(3).value());
        assertFalse(set.get(3).value().isNull());

        List<Assignment> string = new SetParser().parse("a={1},b=null", SetMode.STRING);
        assertEquals(SetValue.list(List.of(SetValue.literal("1")), false), string.get(0).value());
        assertEquals(SetValue.literal("null"), string.get(1).value());
        assertFalse(string.get(1).value().isNull());
    }

    @Test
    void thirtyNestedLevelsAreAllowed() {
        StringBuilder key = new StringBuilder("k");
        for (int i = 1; i <= SetParser.MAX_NESTED_NAME_LEVEL; i++) {
            key.append(".k").append(i);
        }
        List<Assignment> parsed = new SetParser().parse(key + "=v", SetMode.SET);
        assertEquals(SetParser.MAX_NESTED_NAME_LEVEL + 1, parsed.get(0).path().size());
    }

    @Test
    void pathTextEscapesSpecialKeyCharacters() {
        Assignment a = new SetParser().parse("a.\"b.c\"[2].d\\=e=1", SetMode.SET).get(0);
        assertEquals("a.b\\.c[2].d\\=e", a.pathText());
        assertEquals(a.path(), new SetParser().parse(a.pathText() + "=1", SetMode.SET).get(0).path());
    }
}
