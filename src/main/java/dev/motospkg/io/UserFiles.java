package dev.motospkg.io;

import dev.motospkg.error.MotosException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.AccessDeniedException;

/**
 * Reading files the user named, with errors that say which file and what to do. Only regular files
 * are read (a device such as /dev/zero never ends, a FIFO without a writer blocks forever), and at
 * most {@link #MAX_BYTES}: everything read ends up in a Kubernetes object or a release record,
 * and the API server stores no object over 1.5 MiB.
 */
public final class UserFiles {
    public static final int MAX_BYTES = 1024 * 1024;

    private UserFiles() {
    }

    public static String read(Path p) {
        String shown = display(p);
        try {
            if (!Files.exists(p)) {
                throw MotosException.invalid("cannot read " + shown + ": no such file", "Check the path.");
            }
            // Checked without opening: opening a FIFO blocks until someone writes to it.
            if (!Files.isRegularFile(p)) {
                String what = Files.isDirectory(p) ? "a directory" : "not a regular file (a device, FIFO or socket)";
                throw MotosException.invalid("cannot read " + shown + ": it is " + what,
                        "Name a regular file; to pass generated content, write it to a file first.");
            }
            if (Files.size(p) > MAX_BYTES) {
                throw tooLarge(shown);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(p)) {
                bytes = in.readNBytes(MAX_BYTES + 1); // the file may grow after the size check
            }
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(shown);
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw MotosException.invalid("cannot read " + shown + ": it is not UTF-8 text",
                    "Values, templates and --set-file files must be UTF-8 text.");
        } catch (NoSuchFileException e) {
            throw MotosException.invalid("cannot read " + shown + ": no such file", "Check the path.");
        } catch (AccessDeniedException e) {
            throw MotosException.invalid("cannot read " + shown + ": permission denied", "Check its permissions.");
        } catch (IOException | InvalidPathException | SecurityException e) {
            throw MotosException.invalid("cannot read " + shown + ": " + (e.getMessage() == null ? "I/O error"
                    : e.getMessage()), "Check the path and its permissions.");
        }
    }

    private static MotosException tooLarge(String shown) {
        return MotosException.invalid("cannot read " + shown + ": larger than " + MAX_BYTES / 1024 + " KiB",
                "Kubernetes stores no object over 1.5 MiB; keep large data out of values (mount it from a volume).");
    }

    /** A path as the user would write it: relative to the working directory when inside it. */
    public static String display(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
