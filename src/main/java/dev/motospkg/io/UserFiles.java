package dev.motospkg.io;

import dev.motospkg.error.MotosException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading files the user named, with errors that say which file and what to do. */
public final class UserFiles {
    private UserFiles() {
    }

    public static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw MotosException.invalid("cannot read " + display(p) + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), "Check the path and its permissions.");
        }
    }

    /** A path as the user would write it: relative to the working directory when inside it. */
    public static String display(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
