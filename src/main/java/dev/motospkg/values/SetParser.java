package dev.motospkg.values;

import dev.motospkg.error.MotosException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Parses {@code --set}, {@code --set-string} and {@code --set-file} arguments with Helm's strvals
 * syntax into {@link Assignment}s. Pure syntax: no YAML, no schema; stateless and thread-safe.
 *
 * <p>Syntax: assignments separated by {@code ,}; keys nested with {@code .}; list indexes
 * {@code [n]} (0..65536, nestable: {@code a[0][1]}); list literals {@code {a,b}}; a backslash
 * makes the next character literal ({@code \,} {@code \.} {@code \\}); everything after the first
 * {@code =} up to the next unescaped {@code ,} is the value (whitespace and further {@code =} kept).
 * A key segment may be double-quoted ({@code nodeSelector."kubernetes.io/role"=master}).
 */
public final class SetParser {

    /** Helm's MaxIndex. */
    public static final int MAX_INDEX = 65536;
    /** Helm's MaxNestedNameLevel: at most this many {@code .} separators after keys. */
    public static final int MAX_NESTED_NAME_LEVEL = 30;

    /**
     * Parses one argument, e.g. {@code "a.b=c,d[0].e=f"}. For {@link SetMode#FILE} each value is a
     * path whose content (via {@code fileReader}) becomes the string value.
     *
     * @throws MotosException (invalid input) on a syntax error or an unreadable file
     */
    public List<Assignment> parse(String argument, SetMode mode, Function<Path, String> fileReader) {
        if (argument == null || mode == null) {
            throw new IllegalArgumentException("argument and mode are required");
        }
        if (mode == SetMode.FILE && fileReader == null) {
            throw new IllegalArgumentException("--set-file needs a file reader");
        }
        return new SetScanner(argument, mode, fileReader).parseAll();
    }

    /** Like {@link #parse(String, SetMode, Function)}, reading files as UTF-8 with {@link #readUtf8(Path)}. */
    public List<Assignment> parse(String argument, SetMode mode) {
        return parse(argument, mode, SetParser::readUtf8);
    }

    /** Default file reader: {@link dev.motospkg.io.UserFiles#read} (size limit, regular files only). */
    public static String readUtf8(Path path) {
        return dev.motospkg.io.UserFiles.read(path);
    }
}
