package dev.motospkg.render;

import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import dev.motospkg.yaml.JsonPrinter;
import dev.motospkg.yaml.Trees;
import dev.motospkg.yaml.YamlCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The helper filters chart authors expect from Helm: toyaml, quote, b64enc, sha256, required. */
final class ChartFilters {
    private ChartFilters() {
    }

    static List<Filter> all(YamlCodec yaml) {
        return List.of(
                filter("toyaml", (var, args) -> {
                    if (var == null) {
                        return "null";
                    }
                    // Jinjava wraps maps and lists in its own types; print them as plain YAML.
                    String text = yaml.print(Trees.deepCopy(var));
                    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
                }),
                filter("quote", (var, args) -> quote(var == null ? "" : String.valueOf(var))),
                filter("b64enc", (var, args) -> Base64.getEncoder()
                        .encodeToString(String.valueOf(var == null ? "" : var).getBytes(StandardCharsets.UTF_8))),
                filter("sha256", (var, args) -> sha256(String.valueOf(var == null ? "" : var))),
                filter("required", (var, args) -> {
                    if (var == null || (var instanceof String s && s.isEmpty())
                            || (var instanceof Collection<?> c && c.isEmpty())
                            || (var instanceof Map<?, ?> m && m.isEmpty())) {
                        String message = args.length > 0 ? args[0] : "a required value is missing";
                        throw new InterpretException("required: " + message);
                    }
                    return var;
                }));
    }

    /** A JSON-compatible double-quoted string, which YAML reads back unchanged. */
    static String quote(String s) {
        return JsonPrinter.quote(s);
    }

    static String sha256(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @FunctionalInterface
    private interface Body {
        Object apply(Object var, String[] args);
    }

    private static Filter filter(String name, Body body) {
        return new Filter() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
                return body.apply(var, args);
            }
        };
    }
}
