package dev.motospkg.chart;

import dev.motospkg.error.MotosException;
import dev.motospkg.io.UserFiles;
import dev.motospkg.yaml.YamlCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads a chart folder: Chart.yaml, templates/*.yaml|*.j2, defaults and schema location. */
public final class ChartLoader {
    private final YamlCodec yaml;

    public ChartLoader(YamlCodec yaml) {
        this.yaml = yaml;
    }

    public Chart load(ChartLocation location) {
        Path dir = location.chartDir();
        Path chartYaml = dir.resolve("Chart.yaml");
        if (!Files.isRegularFile(chartYaml)) {
            throw MotosException.invalid("no chart at " + dir + " (Chart.yaml not found)",
                    "Run from the repository root, or pass --chart DIR pointing at a folder with Chart.yaml and templates/.");
        }
        ChartMetadata metadata = metadata(yaml.parseMap(UserFiles.read(chartYaml), UserFiles.display(chartYaml)), UserFiles.display(chartYaml));
        List<TemplateFile> templates = templates(dir);
        Map<String, Object> defaults = location.defaultsFile()
                .map(p -> yaml.parseMap(UserFiles.read(p), UserFiles.display(p)))
                .orElseGet(LinkedHashMap::new);
        String defaultsName = location.defaultsFile().map(UserFiles::display).orElse("chart defaults");
        return new Chart(dir, metadata, templates, defaults, defaultsName, location.schemaFile());
    }

    private static ChartMetadata metadata(Map<String, Object> map, String source) {
        String name = checkedName(string(map, "name", source, true), source);
        String version = string(map, "version", source, true);
        return new ChartMetadata(name, version, string(map, "appVersion", source, false),
                string(map, "description", source, false));
    }

    private static final java.util.regex.Pattern NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?");

    /** The chart name becomes the default release name and file names: no path, no odd characters. */
    private static String checkedName(String name, String source) {
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            String shown = name.length() > 70 ? name.substring(0, 60) + "…" : name;
            throw MotosException.invalid(source + ": invalid chart name \"" + shown.replaceAll("\\p{Cntrl}", "?")
                    + "\": use letters, digits, '-', '_' and '.', starting and ending with a letter or digit,"
                    + " at most 63 characters", "Name the chart like a file, e.g. `name: motos`.");
        }
        return name;
    }

    private static String string(Map<String, Object> map, String key, String source, boolean required) {
        Object value = map.get(key);
        if (value == null || value.toString().isBlank()) {
            if (required) {
                throw MotosException.invalid(source + ": missing `" + key + "`",
                        "Chart.yaml needs at least `name:` and `version:`.");
            }
            return "";
        }
        return value.toString();
    }

    private List<TemplateFile> templates(Path dir) {
        Path templatesDir = dir.resolve("templates");
        if (!Files.isDirectory(templatesDir)) {
            throw MotosException.invalid("chart " + dir + " has no templates/ folder",
                    "Put one Jinja-templated manifest per file under templates/.");
        }
        List<TemplateFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(templatesDir)) {
            entries.filter(Files::isRegularFile)
                    .filter(p -> isTemplate(p.getFileName().toString()))
                    .sorted()
                    .forEach(p -> files.add(new TemplateFile("templates/" + p.getFileName(), UserFiles.read(p))));
        } catch (IOException e) {
            throw MotosException.invalid("cannot list " + templatesDir + ": " + e.getMessage(), null);
        }
        return List.copyOf(files);
    }

    private static boolean isTemplate(String fileName) {
        return fileName.endsWith(".yaml") || fileName.endsWith(".yml") || fileName.endsWith(".j2");
    }
}
