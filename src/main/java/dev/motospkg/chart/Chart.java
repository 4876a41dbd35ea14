package dev.motospkg.chart;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded chart: metadata, templates (sorted by name, which is the render order), the chart's
 * default values and, optionally, the schema they must satisfy.
 */
public record Chart(
        Path dir,
        ChartMetadata metadata,
        List<TemplateFile> templates,
        Map<String, Object> defaults,
        String defaultsName,
        Optional<Path> schemaFile) {

    public Path templatesDir() {
        return dir.resolve("templates");
    }
}
