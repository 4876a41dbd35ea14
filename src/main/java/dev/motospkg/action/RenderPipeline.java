package dev.motospkg.action;

import dev.motospkg.chart.ChartLoader;
import dev.motospkg.chart.ChartLocation;
import dev.motospkg.error.MotosException;
import dev.motospkg.release.Names;
import dev.motospkg.render.ReleaseContext;
import dev.motospkg.render.RenderedFile;
import dev.motospkg.render.TemplateEngine;
import dev.motospkg.resource.KubeObject;
import dev.motospkg.resource.ManifestParser;
import dev.motospkg.schema.ValuesSchema;
import dev.motospkg.schema.Violation;
import dev.motospkg.values.LeafResolver;
import dev.motospkg.values.MergedValues;
import dev.motospkg.values.SetValue;
import dev.motospkg.values.TypeGuess;
import dev.motospkg.values.ValuesAssembler;
import dev.motospkg.values.ValuesAssembler.Layer;
import dev.motospkg.values.ValuesRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one render path: load chart, layer values, validate against the schema, render, parse.
 * {@code template}, {@code lint}, {@code install}, {@code upgrade} and {@code diff} all come here.
 */
public final class RenderPipeline {
    private final Path workDir;
    private final ChartLoader chartLoader;
    private final ValuesAssembler assembler;
    private final TemplateEngine engine;
    private final ManifestParser parser;

    public RenderPipeline(Path workDir, ChartLoader chartLoader, ValuesAssembler assembler, TemplateEngine engine,
            ManifestParser parser) {
        this.workDir = workDir;
        this.chartLoader = chartLoader;
        this.assembler = assembler;
        this.engine = engine;
        this.parser = parser;
    }

    public LoadedChart load(Path chartOption) {
        var chart = chartOnly(chartOption);
        return new LoadedChart(chart, chart.schemaFile().map(ValuesSchema::load));
    }

    /** The chart without its schema: enough to name a release, and much cheaper than {@link #load}. */
    public dev.motospkg.chart.Chart chartOnly(Path chartOption) {
        return chartLoader.load(ChartLocation.resolve(workDir, chartOption));
    }

    /** The namespace a release of this chart defaults to: the {@code namespace} value, else "default". */
    public static String defaultNamespace(dev.motospkg.chart.Chart chart) {
        return namespaceValue(chart.defaults());
    }

    /** Template and lint: a first install, values from the chart defaults and the command line only. */
    public Rendered renderForTemplate(LoadedChart loaded, ValuesRequest request, ReleaseTarget target) {
        MergedValues values = values(loaded, null, request);
        return render(loaded, values, context(loaded, values, target, 1, true));
    }

    /** Renders already validated values for a known release context. */
    public Rendered render(LoadedChart loaded, MergedValues values, ReleaseContext release) {
        List<RenderedFile> files = engine.render(loaded.chart(), values.merged(), release);
        List<KubeObject> objects = parser.parse(files);
        checkObjects(objects.stream().map(Identity::of).toList());
        return new Rendered(loaded, values, release, files, objects);
    }

    /**
     * {@code template}: the same render and checks as {@link #renderForTemplate}, keeping the text but not
     * the parsed objects (their trees take several times the text's memory, and {@code template} prints text).
     */
    public List<RenderedFile> renderTextForTemplate(LoadedChart loaded, ValuesRequest request, ReleaseTarget target) {
        MergedValues values = values(loaded, null, request);
        List<RenderedFile> files = engine.render(loaded.chart(), values.merged(),
                context(loaded, values, target, 1, true));
        List<Identity> identities = new ArrayList<>();
        parser.parse(files, o -> identities.add(Identity.of(o)));
        checkObjects(identities);
        return files;
    }

    /** What the duplicate check needs of an object. */
    private record Identity(dev.motospkg.kube.ObjectKey key, String source) {
        static Identity of(KubeObject o) {
            String namespace = o.namespace() == null || o.namespace().isEmpty() ? null : o.namespace();
            return new Identity(new dev.motospkg.kube.ObjectKey(o.apiVersion(), o.kind(), namespace, o.name()),
                    o.source());
        }
    }

    /** A release of nothing, or one object twice (the second silently winning), is a chart mistake. */
    private static void checkObjects(List<Identity> objects) {
        if (objects.isEmpty()) {
            throw MotosException.invalid("the chart rendered no Kubernetes objects",
                    "Check templates/ has templates and that their conditions are met; `motospkg template` shows the output.");
        }
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (Identity o : objects) {
            var key = o.key();
            String first = seen.putIfAbsent(dev.motospkg.apply.ApplyPlan.identity(key), o.source());
            if (first != null) {
                duplicates.add(key + " (in " + first + " and " + o.source() + ")");
            }
        }
        if (!duplicates.isEmpty()) {
            throw MotosException.invalid("the chart renders the same object more than once:\n  "
                    + String.join("\n  ", duplicates), "Give each object its own name, or remove one of them.");
        }
    }

    /** Release name (given, else the chart's) and namespace (given, else the {@code namespace} value). */
    public ReleaseContext context(LoadedChart loaded, MergedValues values, ReleaseTarget target, int revision,
            boolean isInstall) {
        String name = target.name() != null ? target.name() : loaded.chart().metadata().name();
        String namespace = target.namespace() != null ? target.namespace() : namespaceValue(values.merged());
        return new ReleaseContext(Names.release(name), Names.namespace(namespace), revision, isInstall, !isInstall);
    }

    /**
     * Which release a command addresses, without validating values: an upgrade validates once, with
     * the release's own values layered in, which it can read only once it knows the release.
     */
    public ReleaseRef releaseRef(LoadedChart loaded, ReleaseTarget target, ValuesRequest request) {
        String name = target.name() != null ? target.name() : loaded.chart().metadata().name();
        if (target.namespace() != null) {
            return new ReleaseRef(name, target.namespace());
        }
        var chart = loaded.chart();
        MergedValues unchecked = assembler.assemble(new Layer(chart.defaultsName(), chart.defaults()), null, request,
                LeafResolver.helmGuessing());
        return new ReleaseRef(name, namespaceValue(unchecked.merged()));
    }

    /**
     * A stored revision's supplied values over the chart's defaults ({@code get values --all}): what its
     * templates saw, when the chart is the one it was made with. Not validated: it was, when it was made.
     */
    public Map<String, Object> computed(LoadedChart loaded, Map<String, Object> supplied) {
        var chart = loaded.chart();
        return assembler.assemble(new Layer(chart.defaultsName(), chart.defaults()),
                new Layer("the revision's values", supplied), ValuesRequest.none(), LeafResolver.helmGuessing()).merged();
    }

    /** Layers and validates values; every violation at once, with where each bad value came from. */
    public MergedValues values(LoadedChart loaded, Layer previous, ValuesRequest request) {
        Optional<ValuesSchema> schema = loaded.schema();
        LeafResolver resolver = schema.<LeafResolver>map(s -> (path, value) -> resolve(s, path, value))
                .orElse(LeafResolver.helmGuessing());
        var chart = loaded.chart();
        MergedValues values = assembler.assemble(new Layer(chart.defaultsName(), chart.defaults()), previous,
                request, resolver);
        schema.ifPresent(s -> check(s, values));
        return values;
    }

    /** Where the schema says string, {@code --set backend.tag=2} is the string "2", not a number. */
    private static Object resolve(ValuesSchema schema, List<Object> path, SetValue value) {
        if (value.isList()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < value.elements().size(); i++) {
                List<Object> child = new ArrayList<>(path);
                child.add(i);
                out.add(resolve(schema, child, value.elements().get(i)));
            }
            return out;
        }
        if (!value.guessable() || schema.isString(path)) {
            return value.text();
        }
        return TypeGuess.guess(value.text());
    }

    private static void check(ValuesSchema schema, MergedValues values) {
        List<Violation> violations = schema.validate(values.merged());
        if (violations.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("invalid values (" + violations.size()
                + (violations.size() == 1 ? " problem" : " problems") + "):");
        for (Violation v : violations) {
            sb.append("\n  ").append(v.path().isEmpty() ? "(root)" : v.path()).append(": ").append(v.message());
            List<String> details = new ArrayList<>();
            if (v.value() != null) {
                details.add("value " + v.value());
            }
            String origin = values.origins().originOf(v.pathElements());
            if (origin != null) {
                details.add("from " + origin);
            }
            if (!details.isEmpty()) {
                sb.append("\n      (").append(String.join(", ", details)).append(')');
            }
        }
        throw MotosException.invalid(sb.toString(),
                "Fix the values above in the file or --set they came from; see "
                        + dev.motospkg.io.UserFiles.display(Path.of(schema.displayName())) + ".");
    }

    private static String namespaceValue(Map<String, Object> merged) {
        Object ns = merged.get("namespace");
        return ns == null || ns.toString().isBlank() ? "default" : ns.toString();
    }
}
