package dev.motospkg.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import dev.motospkg.chart.Chart;
import dev.motospkg.chart.TemplateFile;
import dev.motospkg.error.MotosException;
import dev.motospkg.yaml.YamlCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure: chart + values in, rendered files out. Knows nothing of the cluster. Jinjava runs
 * sandboxed: unknown variables fail, no Java access, includes stay in the chart, bounded output.
 */
public final class TemplateEngine {
    /** Functions whose output depends on the clock would make renders non-deterministic. */
    private static final Set<String> DISABLED_FUNCTIONS = Set.of(
            "today", "unixtimestamp", "now", "strtotime", ":today", ":unixtimestamp", ":now", ":strtotime");

    private final YamlCodec yaml;
    private final RenderLimits limits;

    public TemplateEngine(YamlCodec yaml, RenderLimits limits) {
        this.yaml = yaml;
        this.limits = limits;
    }

    public List<RenderedFile> render(Chart chart, Map<String, Object> values, ReleaseContext release) {
        Jinjava jinjava = newJinjava(chart);
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("values", values);
        bindings.put("release", release.asContext());
        bindings.put("chart", chart.metadata().asContext());
        List<RenderedFile> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (TemplateFile template : chart.templates()) {
            if (template.isPartial()) {
                continue;
            }
            try {
                RenderResult result = jinjava.renderForResult(template.text(), bindings);
                // Warnings included: a disabled function or a refused recursion must not pass silently.
                List<TemplateError> fatal = result.getErrors();
                if (fatal.isEmpty()) {
                    out.add(new RenderedFile(template.name(), result.getOutput()));
                } else {
                    fatal.forEach(e -> errors.add(describe(template.name(), e)));
                }
            } catch (RuntimeException e) {
                errors.add(template.name() + ": " + rootMessage(e));
            }
        }
        if (!errors.isEmpty()) {
            throw MotosException.invalid("rendering failed:\n  "
                    + String.join("\n  ", errors.stream().map(dev.motospkg.error.ClassNames::strip).toList()),
                    "Fix the template or the values it reads; every variable a template uses must exist.");
        }
        return out;
    }

    private Jinjava newJinjava(Chart chart) {
        Map<Context.Library, Set<String>> disabled = Map.of(Context.Library.FUNCTION, DISABLED_FUNCTIONS);
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                .withMaxOutputSize(limits.maxOutputBytes())
                .withMaxStringLength(limits.maxOutputBytes())
                .withMaxRenderDepth(limits.maxRenderDepth())
                .withEnableRecursiveMacroCalls(false)
                .withMaxMacroRecursionDepth(limits.maxMacroDepth())
                .withMaxListSize(limits.maxCollectionSize())
                .withMaxMapSize(limits.maxCollectionSize())
                .withRangeLimit(limits.maxCollectionSize())
                .withNestedInterpretationEnabled(false)
                .withDisabled(disabled)
                .withElResolver(new SandboxElResolver(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY))
                .build();
        Jinjava jinjava = new Jinjava(config);
        jinjava.setResourceLocator(new ChartResourceLocator(chart.templatesDir()));
        ChartFilters.all(yaml).forEach(f -> jinjava.getGlobalContext().registerFilter(f));
        return jinjava;
    }

    private static String describe(String template, TemplateError error) {
        String where = error.getLineno() > 0 ? template + ":" + error.getLineno() : template;
        return where + ": " + error.getMessage();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
