package dev.motospkg.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.chart.Chart;
import dev.motospkg.chart.ChartMetadata;
import dev.motospkg.chart.TemplateFile;
import dev.motospkg.error.MotosException;
import dev.motospkg.yaml.YamlCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateEngineTest {
    @TempDir
    Path dir;

    private final TemplateEngine engine = new TemplateEngine(new YamlCodec(), new RenderLimits(64 * 1024, 10, 10, 1000));
    private final Map<String, Object> values = Map.of(
            "backend", Map.of("tag", "v1", "env", Map.of("B", "2", "A", "1")),
            "password", "s3cret");

    private String render(String template, String... partials) throws IOException {
        Files.createDirectories(dir.resolve("templates"));
        List<TemplateFile> files = new ArrayList<>();
        for (int i = 0; i < partials.length; i += 2) {
            Files.writeString(dir.resolve("templates").resolve(partials[i]), partials[i + 1]);
            files.add(new TemplateFile("templates/" + partials[i], partials[i + 1]));
        }
        files.add(new TemplateFile("templates/t.yaml", template));
        Chart chart = new Chart(dir, new ChartMetadata("motos", "0.1.0", "v1", ""), files, Map.of(), "defaults",
                Optional.empty());
        List<RenderedFile> out = engine.render(chart, values, new ReleaseContext("motos", "ns", 1, true, false));
        return out.get(out.size() - 1).text();
    }

    private MotosException renderFails(String template) {
        return assertThrows(MotosException.class, () -> render(template));
    }

    @Test
    void rendersValuesReleaseAndChart() throws IOException {
        assertEquals("v1 motos ns 1 true motos 0.1.0",
                render("{{ values.backend.tag }} {{ release.name }} {{ release.namespace }} {{ release.revision }}"
                        + " {{ release.isInstall }} {{ chart.name }} {{ chart.version }}"));
    }

    @Test
    void helperFilters() throws IOException {
        assertEquals("\"a\\\"b\"", render("{{ 'a\"b' | quote }}"));
        assertEquals("czNjcmV0", render("{{ values.password | b64enc }}"));
        assertEquals(ChartFilters.sha256("s3cret"), render("{{ values.password | sha256 }}"));
        assertEquals("x:\n  A: '1'\n  B: '2'",
                render("x:\n  {{ {'A': '1', 'B': '2'} | toyaml | indent(2) }}"));
    }

    @Test
    void requiredFilterFailsWithItsMessage() {
        MotosException e = renderFails("{{ '' | required('backend.tag is required') }}");
        assertEquals("rendering failed:\n  templates/t.yaml:1: backend.tag is required", e.getMessage());
        assertEquals("Give the values named above, with -f FILE or --set.", e.hint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ nope }}", "{{ values.nope.deeper }}", "{{ values.backend.tga }}"})
    void unknownVariablesAreErrors(String template) {
        MotosException e = renderFails(template);
        assertTrue(e.getMessage().contains("templates/t.yaml"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{{ values.backend.tag.getClass() }}",
        "{{ values.backend.tag.class }}",
        "{{ values.backend.tag.getClass().forName('java.lang.Runtime') }}",
        "{{ values.backend.tag.toUpperCase() }}",
        "{{ release.getClass().getClassLoader() }}",
        "{{ values.backend.env.clear() }}",
        "{{ values.password.bytes }}",
    })
    void javaAccessIsRefused(String template) {
        MotosException e = renderFails(template);
        assertTrue(e.getMessage().contains("templates/t.yaml"), e.getMessage());
    }

    @Test
    void dictMethodsStillWork() throws IOException {
        assertEquals("A=1 B=2 ", render("{% for k, v in values.backend.env|dictsort %}{{k}}={{v}} {% endfor %}"));
        assertEquals("v1", render("{{ values.backend.get('tag') }}"));
    }

    @Test
    void includesResolveInsideTheChartOnly() throws IOException {
        assertEquals("hi motos", render("{% from '_h.j2' import hello %}{{ hello(release.name) }}",
                "_h.j2", "{% macro hello(n) %}hi {{ n }}{% endmacro %}"));
        Files.writeString(dir.resolve("secret.txt"), "outside");
        MotosException e = renderFails("{% include '../secret.txt' %}");
        assertTrue(!e.getMessage().contains("outside") || e.getMessage().contains("outside the chart")
                || e.getMessage().contains("not found"), e.getMessage());
        renderFails("{% include '/etc/passwd' %}");
    }

    @Test
    void outputSizeIsBounded() {
        assertEquals("rendering failed:\n  templates/t.yaml: renders more than 65536 bytes, the limit of one render"
                + " (a loop over more than was meant?)", renderFails("{% for i in range(1000) %}{% for j in range(1000) %}xxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}").getMessage());
    }

    @Test
    void recursionIsBounded() {
        assertEquals("rendering failed:\n  templates/t.yaml: macro f calls itself more than 10 levels deep"
                + " (endless recursion?)", renderFails("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}").getMessage());
    }

    @Test
    void clockFunctionsAreDisabled() {
        assertEquals("rendering failed:\n  templates/t.yaml:1: unixtimestamp() is not available: a render must not"
                + " depend on the clock, so the same chart and values always give the same manifests",
                renderFails("{{ unixtimestamp() }}").getMessage());
    }

    @Test
    void anUndefinedValueFollowedByAFilterFails() {
        MotosException e = renderFails("host: {{ values.ingres.host | quote }}");
        assertEquals("rendering failed:\n  templates/t.yaml: values.ingres.host is not defined (values.ingres is not)",
                e.getMessage());
        assertEquals("templates/t.yaml: values.backend.tga is not defined",
                renderFails("{{ values.backend.tga | upper }}").getMessage().split("\n  ")[1]);
        assertTrue(renderFails("{% if values.backend.enabled %}x{% endif %}").getMessage()
                .contains("values.backend.enabled is not defined"));
        assertTrue(renderFails("{% set b = values.backend %}{{ b.tga | quote }}").getMessage()
                .contains("values.backend.tga is not defined"));
    }

    @Test
    void definedAndDefaultMayAskAboutUndefinedValues() throws IOException {
        assertEquals("no yes", render("{{ 'yes' if values.backend.nope is defined else 'no' }}"
                + " {{ 'yes' if values.ingress.host is undefined else 'no' }}"));
        assertEquals("d d v1", render("{{ values.backend.nope | default('d') }} {{ values.a.b.c | default('d', true) }}"
                + " {{ values.backend.tag | default('d') }}"));
    }
}
