package dev.motospkg.action;

import dev.motospkg.error.MotosException;
import dev.motospkg.render.RenderedFile;
import dev.motospkg.resource.ManifestParser;
import dev.motospkg.values.ValuesRequest;
import java.io.IOException;
import java.io.PrintWriter;
import dev.motospkg.chart.TemplateFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code motospkg template}: render locally, print or write one file per template. Nothing touches a cluster. */
public final class Template {

    /** @param showOnly Helm's {@code --show-only}: template names or globs ({@code templates/0*.yaml}); empty: all */
    public record Options(Path chart, ValuesRequest values, ReleaseTarget target, Path outputDir, List<String> showOnly) {
        public Options {
            showOnly = List.copyOf(showOnly);
        }
    }

    private final RenderPipeline pipeline;

    public Template(RenderPipeline pipeline) {
        this.pipeline = pipeline;
    }

    public void run(Options options, PrintWriter out) {
        if (options.outputDir() != null && options.outputDir().toString().isBlank()) {
            // Path.of("") is the working directory: an empty flag would scatter files there.
            throw dev.motospkg.error.MotosException.invalid("--output-dir is empty",
                    "Name a directory, e.g. --output-dir out/manifests, or leave the flag out to print.");
        }
        LoadedChart loaded = pipeline.load(options.chart());
        Map<String, PathMatcher> selected = selection(loaded, options.showOnly());
        List<RenderedFile> files = pipeline.renderTextForTemplate(loaded, options.values(), options.target());
        if (options.outputDir() == null && selected.isEmpty()) {
            // one template's text at a time: a large render is not held a second time as output
            for (RenderedFile file : files) {
                String text = manifestText(file);
                if (text != null) {
                    out.print(text);
                }
            }
            out.flush();
            return;
        }
        Map<String, String> texts = shown(manifestTexts(files), selected);
        if (options.outputDir() == null) {
            texts.values().forEach(out::print);
            out.flush();
            return;
        }
        write(options.outputDir(), texts);
        texts.keySet().forEach(name -> out.println("wrote " + options.outputDir().resolve(fileName(name))));
        for (String stale : leftovers(options.outputDir(), texts)) {
            if (!selected.isEmpty() && selected.values().stream().noneMatch(m -> m.matches(Path.of("templates", stale)))) {
                continue; // not asked for this time: not a leftover of this render
            }
            out.println("note: " + options.outputDir().resolve(stale) + " is from an earlier render (this one "
                    + "produced nothing for it); `kubectl apply -f " + options.outputDir() + "` would apply it too");
        }
        out.flush();
    }

    /** Each --show-only pattern, checked to name at least one template of the chart (partials are not templates). */
    private static Map<String, PathMatcher> selection(LoadedChart loaded, List<String> patterns) {
        List<String> names = loaded.chart().templates().stream().filter(t -> !t.isPartial()).map(TemplateFile::name)
                .toList();
        Map<String, PathMatcher> out = new LinkedHashMap<>();
        for (String pattern : patterns) {
            PathMatcher matcher;
            try {
                matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            } catch (IllegalArgumentException e) {
                throw MotosException.invalid("--show-only " + pattern + " is not a valid pattern",
                        "Name a template, e.g. --show-only " + names.get(0) + ".");
            }
            if (names.stream().noneMatch(n -> matcher.matches(Path.of(n)))) {
                throw MotosException.invalid("--show-only " + pattern + ": the chart has no such template",
                        "Its templates: " + String.join(", ", names) + ".");
            }
            out.put(pattern, matcher);
        }
        return out;
    }

    /** The rendered texts of the selected templates; a pattern whose templates all rendered nothing is refused. */
    private static Map<String, String> shown(Map<String, String> texts, Map<String, PathMatcher> selected) {
        if (selected.isEmpty()) {
            return texts;
        }
        for (Map.Entry<String, PathMatcher> e : selected.entrySet()) {
            if (texts.keySet().stream().noneMatch(n -> e.getValue().matches(Path.of(n)))) {
                throw MotosException.invalid("--show-only " + e.getKey() + ": it renders nothing with these values"
                        + " (a condition in the template is false)", "`motospkg template` without --show-only shows"
                        + " what these values render.");
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        texts.forEach((name, text) -> {
            if (selected.values().stream().anyMatch(m -> m.matches(Path.of(name)))) {
                out.put(name, text);
            }
        });
        return out;
    }

    /** Per template, its documents each preceded by {@code # Source:}; templates that render nothing are left out. */
    public static Map<String, String> manifestTexts(List<RenderedFile> files) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (RenderedFile file : files) {
            String text = manifestText(file);
            if (text != null) {
                texts.put(file.name(), text);
            }
        }
        return texts;
    }

    /** One template's documents each preceded by {@code # Source:}; null when it renders nothing. */
    private static String manifestText(RenderedFile file) {
        StringBuilder sb = new StringBuilder();
        for (ManifestParser.Document doc : ManifestParser.split(file)) {
            String body = doc.text().strip();
            if (new RenderedFile(file.name(), body).isBlank()) {
                continue;
            }
            sb.append("---\n").append(ManifestParser.SOURCE_PREFIX).append(file.name()).append('\n').append(body).append('\n');
        }
        return sb.length() > 0 ? sb.toString() : null;
    }

    private static void write(Path dir, Map<String, String> texts) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : texts.entrySet()) {
                Files.writeString(dir.resolve(fileName(e.getKey())), e.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw MotosException.failed("cannot write manifests to " + dir + ": " + e.getMessage(),
                    "Check that the folder is writable.");
        }
    }

    /** YAML files in the folder that this render did not write, such as a template now rendering nothing. */
    private static java.util.List<String> leftovers(Path dir, Map<String, String> texts) {
        java.util.Set<String> written = new java.util.HashSet<>();
        texts.keySet().forEach(name -> written.add(fileName(name)));
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !written.contains(n)).sorted().toList();
        } catch (IOException e) {
            return java.util.List.of();
        }
    }

    private static String fileName(String templateName) {
        return templateName.substring(templateName.lastIndexOf('/') + 1);
    }
}
