package dev.motospkg.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A self-contained copy of the project's chart (templates, defaults, schema) for tests that edit it. */
public final class ChartCopy {
    private ChartCopy() {
    }

    /** Copies chart/, values/values.yaml and schema/values.schema.json into {@code dir}; returns it. */
    public static Path to(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("chart"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = dir.resolve(Path.of("chart").relativize(p));
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        Files.copy(Path.of("values/values.yaml"), dir.resolve("values.yaml"));
        Files.copy(Path.of("schema/values.schema.json"), dir.resolve("values.schema.json"));
        return dir;
    }
}
