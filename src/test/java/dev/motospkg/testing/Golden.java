package dev.motospkg.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.motospkg.yaml.YamlCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under src/test/resources/golden. Run with {@code -Dgolden.update=true} to rewrite them
 * from the current output (then review the git diff).
 */
public final class Golden {
    private static final Path DIR = Path.of("src/test/resources/golden");

    private Golden() {
    }

    private static boolean update() {
        return Boolean.getBoolean("golden.update");
    }

    /** Compares as parsed YAML documents, so formatting-only changes do not fail. */
    public static void assertYaml(String name, String actual) throws IOException {
        Path file = write(name, actual);
        YamlCodec yaml = new YamlCodec();
        assertEquals(yaml.parseAll(Files.readString(file), name), yaml.parseAll(actual, name),
                "rendered output differs from golden " + file + " (rerun with -Dgolden.update=true to accept)");
    }

    /** Compares text exactly, for CLI output where the text is the point. */
    public static void assertText(String name, String actual) throws IOException {
        Path file = write(name, actual);
        assertEquals(Files.readString(file), actual,
                "output differs from golden " + file + " (rerun with -Dgolden.update=true to accept)");
    }

    /**
     * Compares text after {@code normal} (both sides), for output whose order is not the point and not
     * fixed (picocli lists setter-method options in reflection order, which differs between JVM runs).
     */
    public static void assertText(String name, String actual, java.util.function.UnaryOperator<String> normal)
            throws IOException {
        Path file = write(name, actual);
        assertEquals(normal.apply(Files.readString(file)), normal.apply(actual),
                "output differs from golden " + file + " (rerun with -Dgolden.update=true to accept)");
    }

    /**
     * Writes the golden only when asked: a missing golden is a failure, or a test whose golden was
     * never committed (or was deleted) would pass on whatever it printed.
     */
    private static Path write(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (update()) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
        }
        if (!Files.exists(file)) {
            fail("no golden file " + file + "; run with -Dgolden.update=true to create it from this output,"
                    + " then review and commit it");
        }
        return file;
    }
}
