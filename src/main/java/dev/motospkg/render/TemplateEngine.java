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

    private final long parallelFromChars;

    public TemplateEngine(YamlCodec yaml, RenderLimits limits) {
        this(yaml, limits, PARALLEL_FROM_CHARS);
    }

    /** Tests render on one thread and on two ({@code parallelFromChars} 0) to compare the outputs. */
    TemplateEngine(YamlCodec yaml, RenderLimits limits, long parallelFromChars) {
        this.yaml = yaml;
        this.limits = limits;
        this.parallelFromChars = parallelFromChars;
    }

    /**
     * Once the templates rendered so far have produced this much text, the rest are rendered on two
     * threads: a large render then uses both cores, a small chart never pays for a second engine.
     */
    static final int PARALLEL_FROM_CHARS = 256 * 1024;

    public List<RenderedFile> render(Chart chart, Map<String, Object> values, ReleaseContext release) {
        List<TemplateFile> templates = chart.templates().stream().filter(t -> !t.isPartial()).toList();
        Outcome[] outcomes = new Outcome[templates.size()];
        Renderer mine = new Renderer(chart, values, release);
        int next = 0;
        long chars = 0;
        while (next < templates.size() && (chars < parallelFromChars || templates.size() - next < 2)) {
            outcomes[next] = mine.render(templates.get(next));
            chars += outcomes[next].length();
            next++;
        }
        if (next < templates.size()) {
            renderOnTwoThreads(templates, outcomes, next, mine, () -> new Renderer(chart, values, release));
        }
        // in template order, whichever thread rendered what
        List<RenderedFile> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Outcome o : outcomes) {
            errors.addAll(o.errors());
            if (o.file() != null) {
                out.add(o.file());
            }
        }
        if (!errors.isEmpty()) {
            boolean required = errors.stream().allMatch(e -> e.contains(REQUIRED));
            boolean undefined = errors.stream().allMatch(e -> e.endsWith(" is not defined") || e.endsWith(" is not)"));
            throw MotosException.invalid("rendering failed:\n  " + String.join("\n  ",
                    errors.stream().map(e -> dev.motospkg.error.ClassNames.strip(e.replace(REQUIRED, ""))).toList()),
                    required ? "Give the values named above, with -f FILE or --set."
                            : undefined ? "Check the name for a typo against the chart's values file; a key that may be"
                                    + " absent needs `is defined` or `| default(...)` in the template."
                            : "Fix the template or the values it reads.");
        }
        return out;
    }

    /** What one template gave: its file, or the errors that stopped it. */
    private record Outcome(RenderedFile file, List<String> errors) {
        long length() {
            return file == null ? 0 : file.text().length();
        }
    }

    /** The caller and one helper thread take the remaining templates one at a time, each with its own engine. */
    private void renderOnTwoThreads(List<TemplateFile> templates, Outcome[] outcomes, int from, Renderer mine,
            java.util.function.Supplier<Renderer> another) {
        java.util.concurrent.atomic.AtomicInteger cursor = new java.util.concurrent.atomic.AtomicInteger(from);
        Throwable[] helperFailure = new Throwable[1];
        Thread helper = new Thread(() -> {
            try {
                drain(templates, outcomes, cursor, another.get());
            } catch (Throwable t) { // rethrown on the caller's thread, where errors are reported
                helperFailure[0] = t;
            }
        }, "motospkg-render");
        helper.setDaemon(true);
        helper.start();
        drain(templates, outcomes, cursor, mine);
        boolean interrupted = false;
        while (true) {
            try {
                helper.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (helperFailure[0] instanceof RuntimeException e) {
            throw e;
        } else if (helperFailure[0] instanceof Error e) {
            throw e;
        }
    }

    private static void drain(List<TemplateFile> templates, Outcome[] outcomes,
            java.util.concurrent.atomic.AtomicInteger cursor, Renderer renderer) {
        for (int i = cursor.getAndIncrement(); i < templates.size(); i = cursor.getAndIncrement()) {
            outcomes[i] = renderer.render(templates.get(i));
        }
    }

    /** Maps and lists copied, scalars (immutable) shared: the same values, none of them shared state. */
    private static Object copyOf(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, copyOf(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copyOf(v)));
            return copy;
        }
        return value;
    }

    /** One Jinjava with its resolver: neither may be shared between threads. */
    private final class Renderer {
        private final SandboxElResolver resolver =
                new SandboxElResolver(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        private final Jinjava jinjava;
        private final Map<String, Object> values;
        private final ReleaseContext release;
        private final Chart chart;

        Renderer(Chart chart, Map<String, Object> values, ReleaseContext release) {
            this.chart = chart;
            this.values = values;
            this.release = release;
            this.jinjava = newJinjava(chart, resolver);
        }

        Outcome render(TemplateFile template) {
            // Each template gets its own copy of the values: what one template might change (a list's
            // append()) never reaches another, so the order templates render in cannot matter.
            Map<String, Object> bindings = new HashMap<>();
            bindings.put("values", copyOf(values));
            bindings.put("release", release.asContext());
            bindings.put("chart", chart.metadata().asContext());
            List<String> errors = new ArrayList<>();
            try {
                resolver.reset(bindings);
                RenderResult result = jinjava.renderForResult(template.text(), bindings);
                // Warnings included: a disabled function or a refused recursion must not pass silently.
                List<TemplateError> fatal = result.getErrors();
                List<String> undefined = resolver.misusedUndefined();
                undefined.forEach(u -> errors.add(template.name() + ": " + u));
                if (fatal.isEmpty() && undefined.isEmpty()) {
                    return new Outcome(new RenderedFile(template.name(), result.getOutput()), List.of());
                }
                fatal.forEach(e -> errors.add(describe(template.name(), e)));
            } catch (RuntimeException e) {
                errors.add(template.name() + ": " + plain(rootMessage(e)));
            }
            return new Outcome(null, errors);
        }
    }

    private Jinjava newJinjava(Chart chart, SandboxElResolver resolver) {
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
                .withElResolver(resolver)
                .build();
        Jinjava jinjava = new Jinjava(config);
        jinjava.setResourceLocator(new ChartResourceLocator(chart.templatesDir()));
        ChartFilters.all(yaml).forEach(f -> jinjava.getGlobalContext().registerFilter(f));
        // the three uses an undefined value may have; any other use fails the render
        jinjava.getGlobalContext().registerFilter(new com.hubspot.jinjava.lib.filter.DefaultFilter() {
            @Override
            public Object filter(Object var, com.hubspot.jinjava.interpret.JinjavaInterpreter interpreter,
                    Object[] args, Map<String, Object> kwargs) {
                return super.filter(Undefined.excused(var), interpreter, args, kwargs);
            }
        });
        jinjava.getGlobalContext().registerExpTest(new com.hubspot.jinjava.lib.exptest.IsDefinedExpTest() {
            @Override
            public boolean evaluate(Object var, com.hubspot.jinjava.interpret.JinjavaInterpreter interpreter,
                    Object... args) {
                return super.evaluate(Undefined.excused(var), interpreter, args);
            }
        });
        jinjava.getGlobalContext().registerExpTest(new com.hubspot.jinjava.lib.exptest.IsUndefinedExpTest() {
            @Override
            public boolean evaluate(Object var, com.hubspot.jinjava.interpret.JinjavaInterpreter interpreter,
                    Object... args) {
                return super.evaluate(Undefined.excused(var), interpreter, args);
            }
        });
        return jinjava;
    }

    private String describe(String template, TemplateError error) {
        String where = error.getLineno() > 0 ? template + ":" + error.getLineno() : template;
        return where + ": " + plain(error.getMessage());
    }

    /** Marks a failed {@code required} in the error list (removed before it is shown). */
    static final String REQUIRED = "\u0000required: ";

    /** Jinjava's words for what a chart author did, in ours; never a Java class name. */
    private String plain(String message) {
        if (message == null) {
            return "failed";
        }
        String m = message.replaceAll("^(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ", "")
                .replaceAll("^[A-Z]\\w*(?:Exception|Error): ", "");
        if (m.startsWith("required: ")) {
            return REQUIRED + m.substring("required: ".length());
        }
        if (m.contains("byte output rendered, over limit of")) {
            return "renders more than " + limits.maxOutputBytes() + " bytes, the limit of one render"
                    + " (a loop over more than was meant?)";
        }
        java.util.regex.Matcher disabled = java.util.regex.Pattern.compile("^':?(\\w+)' is disabled in this context$")
                .matcher(m);
        if (disabled.matches()) {
            return disabled.group(1) + "() is not available: a render must not depend on the clock, so the same"
                    + " chart and values always give the same manifests";
        }
        java.util.regex.Matcher recursion = java.util.regex.Pattern
                .compile("^Max recursion limit of (\\d+) reached for macro '(\\w+)'$").matcher(m);
        if (recursion.matches()) {
            return "macro " + recursion.group(2) + " calls itself more than " + recursion.group(1)
                    + " levels deep (endless recursion?)";
        }
        return m;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
