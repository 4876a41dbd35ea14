package dev.motospkg.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.chart.Chart;
import dev.motospkg.chart.ChartLoader;
import dev.motospkg.chart.ChartLocation;
import dev.motospkg.chart.ChartMetadata;
import dev.motospkg.chart.TemplateFile;
import dev.motospkg.error.MotosException;
import dev.motospkg.yaml.YamlCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rendering on two threads gives exactly what one thread gives: files, order, errors. */
class TemplateEngineParallelTest {
    private final YamlCodec yaml = new YamlCodec();
    private final TemplateEngine oneThread = new TemplateEngine(yaml, RenderLimits.defaults(), Long.MAX_VALUE);
    private final TemplateEngine twoThreads = new TemplateEngine(yaml, RenderLimits.defaults(), 0);
    private final ReleaseContext release = new ReleaseContext("motos", "motos-app", 1, true, false);

    private Chart load(String dir) {
        return new ChartLoader(yaml).load(ChartLocation.resolve(Path.of("").toAbsolutePath(), Path.of(dir)));
    }

    @Test
    void motosChartRendersTheSame() {
        Chart chart = load("chart");
        assertEquals(oneThread.render(chart, chart.defaults(), release),
                twoThreads.render(chart, chart.defaults(), release));
    }

    @Test
    void scaleChartRendersTheSame() {
        Chart chart = load("bench/charts/scale");
        Map<String, Object> values = new LinkedHashMap<>(chart.defaults());
        values.put("tenants", 40);
        List<RenderedFile> expected = oneThread.render(chart, values, release);
        assertEquals(expected, twoThreads.render(chart, values, release));
        assertEquals(expected, new TemplateEngine(yaml, RenderLimits.defaults()).render(chart, values, release));
    }

    @Test
    void errorsComeInTemplateOrder() {
        List<TemplateFile> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String body = i % 4 == 1 ? "{{ values.missing" + i + ".x }}" : "n: {{ values.n }}-" + i;
            files.add(new TemplateFile("templates/" + i + ".yaml", body));
        }
        Chart chart = new Chart(Path.of("."), new ChartMetadata("motos", "0.1.0", "v1", ""), files, Map.of(),
                "defaults", Optional.empty());
        Map<String, Object> values = Map.of("n", 1);
        String expected = assertThrows(MotosException.class, () -> oneThread.render(chart, values, release))
                .getMessage();
        int one = expected.indexOf("templates/1.yaml");
        int five = expected.indexOf("templates/5.yaml");
        int nine = expected.indexOf("templates/9.yaml");
        assertTrue(one > 0 && one < five && five < nine, expected);
        for (int run = 0; run < 5; run++) {
            assertEquals(expected, assertThrows(MotosException.class,
                    () -> twoThreads.render(chart, values, release)).getMessage());
        }
    }

    @Test
    void oneTemplateCannotChangeTheValuesAnotherSees() {
        List<TemplateFile> files = List.of(
                new TemplateFile("templates/a.yaml", "{% do values.items.append('x') %}a: {{ values.items | length }}"),
                new TemplateFile("templates/b.yaml", "b: {{ values.items | length }}"));
        Chart chart = new Chart(Path.of("."), new ChartMetadata("motos", "0.1.0", "v1", ""), files, Map.of(),
                "defaults", Optional.empty());
        Map<String, Object> values = Map.of("items", new ArrayList<>(List.of("one")));
        for (TemplateEngine engine : List.of(oneThread, twoThreads)) {
            List<RenderedFile> out = engine.render(chart, values, release);
            assertEquals("b: 1", out.get(1).text());
        }
        assertEquals(List.of("one"), values.get("items"));
    }
}
