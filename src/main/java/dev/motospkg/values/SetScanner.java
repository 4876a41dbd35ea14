package dev.motospkg.values;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** One parse of one argument; positions in messages are 1-based. Not reusable, not shared. */
final class SetScanner {
    private final String arg;
    private final SetMode mode;
    private final Function<Path, String> fileReader;
    private int pos;
    private int start;

    SetScanner(String arg, SetMode mode, Function<Path, String> fileReader) {
        this.arg = arg;
        this.mode = mode;
        this.fileReader = fileReader;
    }

    List<Assignment> parseAll() {
        if (arg.isEmpty()) {
            throw MotosException.invalid(mode.flag() + " \"\": nothing to set",
                    "Write key=value, e.g. " + mode.flag() + " image.tag=" + exampleValue() + ", or leave the flag out");
        }
        List<Assignment> out = new ArrayList<>();
        while (pos < arg.length()) {
            start = pos;
            out.add(assignment());
        }
        return out;
    }

    private Assignment assignment() {
        List<Object> path = new ArrayList<>();
        path.add(keySegment());
        int nested = 0;
        while (true) {
            if (pos >= arg.length()) {
                throw noValue("");
            }
            char c = arg.charAt(pos);
            if (c == '=') {
                pos++;
                break;
            } else if (c == ',') {
                throw noValue(" (cannot end with \",\")");
            } else if (c == '.') {
                if (path.get(path.size() - 1) instanceof String && ++nested > SetParser.MAX_NESTED_NAME_LEVEL) {
                    throw error("key is nested more than " + SetParser.MAX_NESTED_NAME_LEVEL + " levels deep", pos,
                            "Use at most " + SetParser.MAX_NESTED_NAME_LEVEL + " dots in a key, or a values file (-f) for deep structures");
                }
                pos++;
                path.add(keySegment());
            } else if (c == '[') {
                if (path.size() >= MAX_PATH) {
                    throw error("key has more than " + MAX_PATH + " parts", pos,
                            "Use a values file (-f) for deep structures");
                }
                path.add(index());
            } else {
                throw error("unexpected character '" + c + "' after " + quote(arg.substring(start, pos)), pos,
                        "After \"]\" or a quoted key continue with \".\", \"[\" or \"=\", e.g. "
                                + mode.flag() + " servers[0].port=80");
            }
        }
        SetValue value = value();
        String text = arg.substring(start, pos);
        if (pos < arg.length()) {
            pos++; // the separating ','
            if (pos == arg.length()) {
                throw error("nothing after the last \",\"", pos - 1,
                        "Remove the trailing comma, e.g. " + mode.flag() + " a=1,b=2; write \"\\,\" for a comma in a value");
            }
        }
        // The origin names the key only: messages quote it, and the value may be a secret.
        String origin = mode == SetMode.FILE ? text : keyText(text);
        return new Assignment(path, value, mode.flag() + " " + origin);
    }

    /** A key: quoted ("...") or plain up to . [ = , or the end; never empty. */
    private String keySegment() {
        int segmentStart = pos;
        StringBuilder key = new StringBuilder();
        if (pos < arg.length() && arg.charAt(pos) == '"') {
            pos++;
            while (true) {
                if (pos >= arg.length()) {
                    throw error("quoted key is not closed", segmentStart,
                            "Close the quote, e.g. " + mode.flag() + " nodeSelector.\"kubernetes.io/role\"=" + exampleValue());
                }
                char c = arg.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && pos < arg.length()) {
                    c = arg.charAt(pos++);
                }
                key.append(c);
            }
        } else {
            pos = readText(key, ".[=,");
        }
        if (key.length() == 0) {
            throw error("empty key", segmentStart,
                    "Every part of a key must be non-empty, e.g. " + mode.flag() + " outer.inner=" + exampleValue()
                            + "; write a literal dot in a key as \"\\.\"");
        }
        return key.toString();
    }

    /** {@code [n]} at pos. */
    private Integer index() {
        int open = pos;
        int close = arg.indexOf(']', open + 1);
        String hint = "List indexes are integers from 0 to " + SetParser.MAX_INDEX + ", e.g. "
                + mode.flag() + " servers[0].port=" + exampleValue();
        if (close < 0) {
            throw error("list index is missing \"]\"", open, hint);
        }
        String text = arg.substring(open + 1, close);
        if (!text.matches("-?[0-9]+")) {
            throw error("list index " + quote(text) + " is not an integer", open + 1, hint);
        }
        if (text.startsWith("-")) {
            throw error("negative list index " + text + " is not allowed", open + 1, hint);
        }
        String digits = text.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 6 || Integer.parseInt(digits) > SetParser.MAX_INDEX) {
            throw error("list index " + text + " is greater than the maximum supported index " + SetParser.MAX_INDEX,
                    open + 1, hint);
        }
        pos = close + 1;
        return Integer.parseInt(digits);
    }

    /** The right-hand side after '='; leaves pos at the separating ',' or the end. */
    private SetValue value() {
        if (pos < arg.length() && arg.charAt(pos) == '{') {
            return listLiteral();
        }
        if (mode == SetMode.SET && arg.startsWith("[]", pos) && (pos + 2 == arg.length() || arg.charAt(pos + 2) == ',')) {
            pos += 2;
            return SetValue.list(List.of(), true);
        }
        int valueStart = pos;
        StringBuilder text = new StringBuilder();
        pos = readText(text, ",");
        return scalar(text.toString(), valueStart);
    }

    private SetValue listLiteral() {
        int open = pos++;
        List<SetValue> elements = new ArrayList<>();
        if (pos < arg.length() && arg.charAt(pos) == '}') {
            pos++; // {} is an empty list
        } else {
            while (true) {
                int elementStart = pos;
                StringBuilder text = new StringBuilder();
                pos = readText(text, ",}");
                if (pos >= arg.length()) {
                    throw error("list is missing its closing \"}\"", open,
                            "Close the list with \"}\", e.g. " + mode.flag() + " name={a,b,c}; write a literal comma as \"\\,\"");
                }
                elements.add(scalar(text.toString(), elementStart));
                if (arg.charAt(pos++) == '}') {
                    break;
                }
            }
        }
        if (pos < arg.length() && arg.charAt(pos) != ',') {
            throw error("unexpected text after the list's closing \"}\"", pos,
                    "Separate the next assignment with \",\", e.g. " + mode.flag() + " name={a,b},other=" + exampleValue());
        }
        return SetValue.list(elements, mode == SetMode.SET);
    }

    private SetValue scalar(String text, int position) {
        return switch (mode) {
            case SET -> SetValue.guessable(text);
            case STRING -> SetValue.literal(text);
            case FILE -> SetValue.literal(readFile(text, position));
        };
    }

    private String readFile(String pathText, int position) {
        String hint = "Give the path of a readable file, e.g. --set-file config=./app.conf";
        if (pathText.isEmpty()) {
            throw error("file path is empty", position, hint);
        }
        String content;
        try {
            content = fileReader.apply(Path.of(pathText));
        } catch (RuntimeException e) { // includes InvalidPathException, UncheckedIOException
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new MotosException(ExitCode.INVALID_INPUT, prefix() + "cannot read file " + quote(pathText)
                    + " at position " + (position + 1) + ": " + reason, hint, e);
        }
        if (content == null) {
            throw error("cannot read file " + quote(pathText), position, hint);
        }
        return content;
    }

    /** Appends text with backslash escapes resolved up to an unescaped stop character; returns the stop position. */
    private int readText(StringBuilder out, String stops) {
        int i = pos;
        while (i < arg.length()) {
            char c = arg.charAt(i);
            if (stops.indexOf(c) >= 0) {
                return i;
            }
            if (c == '\\') {
                i++;
                if (i >= arg.length()) {
                    // Helm drops it silently; the user meant something, so say so.
                    throw error("a backslash at the end escapes nothing", i - 1,
                            "Write \"\\\\\" for a literal backslash, e.g. " + mode.flag() + " path=C:\\\\");
                }
                c = arg.charAt(i);
            }
            out.append(c);
            i++;
        }
        return i;
    }

    private MotosException noValue(String detail) {
        return error("key " + quote(arg.substring(start, pos)) + " has no value" + detail, pos,
                "Write key=value, e.g. " + mode.flag() + " image.tag=" + exampleValue()
                        + "; use key= for an empty string");
    }

    private MotosException error(String what, int position, String hint) {
        return MotosException.invalid(prefix() + what + " at position " + (position + 1), hint);
    }

    /** The argument as messages show it: values masked (they may be secrets); --set-file paths kept. */
    private String prefix() {
        return mode.flag() + " " + quote(mode == SetMode.FILE ? arg : masked(arg)) + ": ";
    }

    static final String MASK = "***";
    /** Helm's nesting bound is on dots only; [0][0]... nests as deep as it is long. */
    static final int MAX_PATH = 100;

    /** {@code a.b=secret,c={x,y}} → {@code a.b=***,c=***}: keys kept, each value replaced. */
    static String masked(String arg) {
        StringBuilder out = new StringBuilder();
        boolean inKey = true;
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (inKey) {
                if (c == '\\' && i + 1 < arg.length()) {
                    out.append(c).append(arg.charAt(++i));
                } else if (c == '"') {
                    quoted = !quoted;
                    out.append(c);
                } else if (c == '=' && !quoted) {
                    out.append('=').append(MASK);
                    inKey = false;
                    depth = 0;
                } else {
                    out.append(c);
                }
            } else if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                out.append(',');
                inKey = true;
            }
        }
        return out.toString();
    }

    /** The key of one assignment's text ({@code a.b=c} → {@code a.b}). */
    private static String keyText(String text) {
        String masked = masked(text);
        int eq = masked.lastIndexOf("=" + MASK);
        return eq < 0 ? masked : masked.substring(0, eq);
    }

    private String exampleValue() {
        return mode == SetMode.FILE ? "./path/to/file" : "value";
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
