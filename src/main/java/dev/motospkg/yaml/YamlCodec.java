package dev.motospkg.yaml;

import dev.motospkg.error.MotosException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The one place that parses and prints YAML. Safe constructor only (plain maps, lists, scalars),
 * a small alias budget so a "billion laughs" file is refused rather than expanded, duplicate keys
 * rejected, and errors that name the source and line.
 */
public final class YamlCodec {
    /** Aliases are rare in values files; a handful is plenty, thousands is an attack. */
    static final int MAX_ALIASES = 50;
    static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

    private final DumperOptions dumperOptions;
    /** Built once: constructing a SnakeYAML loader per document dominated large renders. */
    private Yaml loader;
    private Yaml dumper;

    public YamlCodec() {
        dumperOptions = new DumperOptions();
        dumperOptions.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumperOptions.setIndent(2);
        dumperOptions.setIndicatorIndent(0);
        dumperOptions.setWidth(4096);
        dumperOptions.setSplitLines(false);
        dumperOptions.setExplicitStart(false);
    }

    private Yaml loader() {
        if (loader == null) {
            loader = newLoader();
        }
        return loader;
    }

    private Yaml newLoader() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setNestingDepthLimit(100);
        return new Yaml(new SafeConstructor(options), new Representer(dumperOptions), dumperOptions, options);
    }

    /** Parses a single-document map (a values file). An empty document yields an empty map. */
    public Map<String, Object> parseMap(String text, String sourceName) {
        Object doc = parseOne(text, sourceName);
        if (doc == null) {
            return new LinkedHashMap<>();
        }
        if (!(doc instanceof Map)) {
            throw MotosException.invalid(sourceName + ": expected a map of keys at the top level, found "
                    + describe(doc), "A values file looks like `backend:\\n  tag: v1`.");
        }
        return stringKeys(doc, sourceName);
    }

    public Object parseOne(String text, String sourceName) {
        return parseOne(text, sourceName, 0);
    }

    /** As {@link #parseOne(String, String)}, reporting lines shifted by {@code lineOffset}. */
    public Object parseOne(String text, String sourceName, int lineOffset) {
        Object doc;
        try {
            doc = loader().load(text);
        } catch (YAMLException e) {
            throw syntaxError(e, sourceName, lineOffset);
        } catch (RuntimeException e) { // e.g. NumberFormatException for `!!int x`
            throw badValue(e, sourceName);
        }
        TreeBounds.check(doc, sourceName);
        return doc;
    }

    /** Parses every document of a multi-document stream; empty documents are kept as null. */
    public List<Object> parseAll(String text, String sourceName) {
        return parseAll(text, sourceName, 0);
    }

    /** As {@link #parseAll(String, String)}, reporting lines shifted by {@code lineOffset}. */
    public List<Object> parseAll(String text, String sourceName, int lineOffset) {
        List<Object> docs = new ArrayList<>();
        try {
            for (Object doc : loader().loadAll(text)) {
                docs.add(doc);
            }
        } catch (YAMLException e) {
            throw syntaxError(e, sourceName, lineOffset);
        } catch (RuntimeException e) {
            throw badValue(e, sourceName);
        }
        TreeBounds.check(docs, sourceName);
        return docs;
    }

    /** Prints a value as block YAML, ending with a newline. */
    public String print(Object value) {
        if (dumper == null) {
            dumper = new Yaml(dumperOptions);
        }
        return dumper.dump(value);
    }

    private static MotosException syntaxError(YAMLException e, String sourceName, int lineOffset) {
        String what = e.getMessage();
        if (what != null && what.contains("Number of aliases")) {
            return MotosException.invalid(sourceName + ": refused: too many YAML aliases (more than "
                    + MAX_ALIASES + "); this looks like a YAML bomb",
                    "Write the values out instead of using anchors and aliases.");
        }
        if (e instanceof MarkedYAMLException marked) {
            Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            String line = mark == null ? "" : ":" + (mark.getLine() + 1 + lineOffset);
            String problem = marked.getProblem() != null ? marked.getProblem() : "invalid YAML";
            String context = marked.getContext() != null ? " (" + marked.getContext() + ")" : "";
            return MotosException.invalid(sourceName + line + ": YAML syntax error: " + problem + context,
                    "Check indentation and quoting around that line.");
        }
        return MotosException.invalid(sourceName + ": YAML error: " + firstLine(what),
                "Check the file is valid YAML.");
    }

    private static MotosException badValue(RuntimeException e, String sourceName) {
        String detail = e instanceof NumberFormatException ? "a value tagged as a number is not a number"
                : "a value cannot be read as its YAML tag says";
        return MotosException.invalid(sourceName + ": " + detail,
                "Check explicit tags such as !!int or !!float, or remove them.");
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid YAML";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String describe(Object doc) {
        if (doc instanceof List) {
            return "a list";
        }
        return "a " + doc.getClass().getSimpleName().toLowerCase() + " (" + doc + ")";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Object doc, String sourceName) {
        Map<Object, Object> raw = (Map<Object, Object>) doc;
        for (Object key : raw.keySet()) {
            if (key == null) {
                throw MotosException.invalid(sourceName + ": a key is empty (null)",
                        "Give every key a name; write \"null\": ... for a key literally named null.");
            }
            if (!(key instanceof String)) {
                throw MotosException.invalid(sourceName + ": key " + key + " is not a string",
                        "Quote keys such as numbers or booleans: \"" + key + "\": ...");
            }
        }
        return (Map<String, Object>) doc;
    }
}
