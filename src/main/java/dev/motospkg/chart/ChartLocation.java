package dev.motospkg.chart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a chart's parts live. From the repository root: {@code chart/}, {@code values/values.yaml},
 * {@code schema/values.schema.json}. For any other chart folder given with {@code --chart DIR}:
 * {@code DIR/values.yaml} and {@code DIR/values.schema.json} when present.
 */
public record ChartLocation(Path chartDir, Optional<Path> defaultsFile, Optional<Path> schemaFile) {

    public static ChartLocation resolve(Path workDir, Path chartOption) {
        if (chartOption != null) {
            Path dir = workDir.resolve(chartOption).normalize();
            return new ChartLocation(dir, existing(dir.resolve("values.yaml")),
                    existing(dir.resolve("values.schema.json")));
        }
        Path dir = workDir.resolve("chart");
        Optional<Path> defaults = existing(workDir.resolve("values").resolve("values.yaml"))
                .or(() -> existing(dir.resolve("values.yaml")));
        Optional<Path> schema = existing(workDir.resolve("schema").resolve("values.schema.json"))
                .or(() -> existing(dir.resolve("values.schema.json")));
        return new ChartLocation(dir, defaults, schema);
    }

    private static Optional<Path> existing(Path p) {
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}
