package dev.motospkg.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves {@code include}/{@code import}/{@code from} names inside the chart's templates/ folder only. */
final class ChartResourceLocator implements ResourceLocator {
    private final Path templatesDir;

    ChartResourceLocator(Path templatesDir) {
        this.templatesDir = templatesDir.toAbsolutePath().normalize();
    }

    @Override
    public String getString(String fullName, Charset encoding, JinjavaInterpreter interpreter) throws IOException {
        String name = fullName.startsWith("templates/") ? fullName.substring("templates/".length()) : fullName;
        Path candidate = templatesDir.resolve(name).normalize();
        if (!candidate.startsWith(templatesDir) || !Files.isRegularFile(candidate)) {
            throw new ResourceNotFoundException("template `" + fullName + "` not found inside the chart's templates/");
        }
        Path real = candidate.toRealPath();
        if (!real.startsWith(templatesDir.toRealPath())) {
            throw new ResourceNotFoundException("template `" + fullName + "` points outside the chart");
        }
        return Files.readString(real, encoding);
    }
}
