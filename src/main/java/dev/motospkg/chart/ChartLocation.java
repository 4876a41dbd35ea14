package dev.motospkg.chart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a chart's parts live. From the repository root: {@code chart/}, {@code values/values.yaml},
 * {@code schema/values.schema.json}. For any other chart folder given with {@code --chart DIR}:
 * {@code DIR/values.yaml} and {@code DIR/values.schema.json} when present; a folder named {@code chart}
 * without them is the repository layout again ({@code chart/} next to {@code values/} and {@code schema/}).
 */
public record ChartLocation(Path chartDir, Optional<Path> defaultsFile, Optional<Path> schemaFile) {

    public static ChartLocation resolve(Path workDir, Path chartOption) {
        if (chartOption != null) {
            Path dir = workDir.resolve(chartOption).normalize();
            Path root = dir.getParent();
            if (root != null && dir.getFileName().toString().equals("chart")
                    && !Files.exists(dir.resolve("values.yaml")) && !Files.exists(dir.resolve("values.schema.json"))) {
                // `install motos chart/` from the repository root is the default chart, not one without its values
                return repositoryLayout(root);
            }
            return new ChartLocation(dir, existing(dir.resolve("values.yaml")),
                    existing(dir.resolve("values.schema.json")));
        }
        return repositoryLayout(workDir);
    }

    /** {@code ROOT/chart} with {@code ROOT/values/values.yaml} and {@code ROOT/schema/values.schema.json}. */
    private static ChartLocation repositoryLayout(Path workDir) {
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
