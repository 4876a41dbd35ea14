package dev.motospkg.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.InvalidArgumentException;
import com.hubspot.jinjava.interpret.InvalidInputException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
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
        SandboxElResolver resolver = new SandboxElResolver(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        Jinjava jinjava = newJinjava(chart, resolver);
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
                resolver.reset(bindings);
                RenderResult result = renderOne(jinjava, template.text(), bindings);
                // Warnings included: a disabled function or a refused recursion must not pass silently.
                List<TemplateError> fatal = result.getErrors();
                List<String> undefined = resolver.misusedUndefined();
                undefined.forEach(u -> errors.add(template.name() + ": " + u));
                if (fatal.isEmpty() && undefined.isEmpty()) {
                    out.add(new RenderedFile(template.name(), result.getOutput()));
                } else {
                    fatal.forEach(e -> errors.add(describe(template.name(), e)));
                }
            } catch (RuntimeException e) {
                errors.add(template.name() + ": " + plain(rootMessage(e)));
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

    /**
     * Jinjava's renderForResult, on a child of the global context instead of the fresh copy of it
     * that renderForResult makes, which registers all ~150 built-in filters, functions, tags and
     * tests again for every template. The child finds them in the global context, refuses the
     * disabled functions itself, and has its own scope, macros and call stacks. Errors become a
     * RenderResult as in renderForResult, with the interpreter still current.
     */
    private static RenderResult renderOne(Jinjava jinjava, String text, Map<String, Object> bindings) {
        JinjavaConfig config = jinjava.getGlobalConfig();
        Context global = jinjava.getGlobalContext();
        Context context = new Context(global, bindings, config.getDisabled());
        JinjavaInterpreter interpreter = config.getInterpreterFactory().newInstance(jinjava, context, config);
        try (var current = JinjavaInterpreter.closeablePushCurrent(interpreter).get()) {
            TemplateError error;
            try {
                return new RenderResult(interpreter.render(text), interpreter.getContext(), interpreter.getErrorsCopy());
            } catch (TemplateSyntaxException e) {
                error = TemplateError.fromException(e);
            } catch (InterpretException e) {
                error = TemplateError.fromSyntaxError(e);
            } catch (InvalidArgumentException e) {
                error = TemplateError.fromInvalidArgumentException(e);
            } catch (InvalidInputException e) {
                error = TemplateError.fromInvalidInputException(e);
            } catch (Exception e) {
                error = TemplateError.fromException(e);
            }
            return new RenderResult(error, interpreter.getContext(), interpreter.getErrorsCopy());
        } finally {
            // the child also records what it resolved in the global context: the next template starts clean
            global.reset();
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
