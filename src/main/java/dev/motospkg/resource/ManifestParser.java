package dev.motospkg.resource;

import dev.motospkg.error.MotosException;
import dev.motospkg.render.RenderedFile;
import dev.motospkg.yaml.YamlCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits rendered files into documents, parses each and checks the fields every object needs.
 * All problems are reported at once, each naming the template and the rendered line.
 */
public final class ManifestParser {
    private static final Pattern SEPARATOR = Pattern.compile("^---\\s*(#.*)?$");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");

    private final YamlCodec yaml;

    public ManifestParser(YamlCodec yaml) {
        this.yaml = yaml;
    }

    public List<KubeObject> parse(List<RenderedFile> files) {
        List<KubeObject> objects = new ArrayList<>();
        parse(files, objects::add);
        return objects;
    }

    /**
     * Hands each object to {@code sink} as it is parsed, so that a caller needing only a few fields of
     * each ({@code template}) need not hold every tree at once; throws after the last file, as above.
     */
    public void parse(List<RenderedFile> files, java.util.function.Consumer<KubeObject> sink) {
        List<String> errors = new ArrayList<>();
        for (RenderedFile file : files) {
            for (Document doc : split(file)) {
                try {
                    Object tree = yaml.parseOne(doc.text(), file.name() + " (rendered)", doc.firstLine() - 1);
                    if (tree == null) {
                        continue;
                    }
                    check(tree, file.name() + ":" + doc.firstLine(), errors)
                            .ifPresent(body -> sink.accept(new KubeObject(file.name(), body)));
                } catch (MotosException e) {
                    errors.add(e.getMessage());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw MotosException.invalid("the rendered manifests are not valid Kubernetes objects:\n  "
                    + String.join("\n  ", errors),
                    "Run `motospkg template` to see the rendered text; lines are counted in the rendered output.");
        }
    }

    /**
     * Parses a stored release manifest (documents each preceded by {@code # Source: templates/x}),
     * keeping each object's template name.
     */
    public List<KubeObject> parseManifest(String manifest) {
        List<RenderedFile> files = new ArrayList<>();
        for (Document doc : split(new RenderedFile("manifest", manifest))) {
            String source = "manifest";
            for (String line : doc.text().split("\n")) {
                if (line.startsWith(SOURCE_PREFIX)) {
                    source = line.substring(SOURCE_PREFIX.length()).strip();
                    break;
                }
            }
            files.add(new RenderedFile(source, doc.text()));
        }
        return parse(files);
    }

    public static final String SOURCE_PREFIX = "# Source: ";

    /** A document's text and the 1-based line in the rendered file where it starts. */
    public record Document(String text, int firstLine) {
    }

    public static List<Document> split(RenderedFile file) {
        List<Document> docs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int start = 1;
        String text = file.text();
        // line by line without String.split and a Matcher per line: this runs over every rendered byte
        int line = 0;
        for (int from = 0; from <= text.length(); line++) {
            int nl = text.indexOf('\n', from);
            int end = nl < 0 ? text.length() : nl;
            if (text.startsWith("---", from) && SEPARATOR.matcher(text.substring(from, end)).matches()) {
                docs.add(new Document(current.toString(), start));
                current.setLength(0);
                start = line + 2;
            } else {
                current.append(text, from, end).append('\n');
            }
            from = end + 1;
        }
        docs.add(new Document(current.toString(), start));
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static java.util.Optional<Map<String, Object>> check(Object tree, String where, List<String> errors) {
        if (!(tree instanceof Map)) {
            errors.add(where + ": a manifest must be a map, found " + tree.getClass().getSimpleName());
            return java.util.Optional.empty();
        }
        Map<String, Object> body = (Map<String, Object>) tree;
        int before = errors.size();
        requireString(body.get("apiVersion"), where, "apiVersion", errors);
        requireString(body.get("kind"), where, "kind", errors);
        Object metadata = body.get("metadata");
        if (!(metadata instanceof Map)) {
            errors.add(where + ": missing metadata");
        } else {
            Object name = ((Map<String, Object>) metadata).get("name");
            if (requireString(name, where, "metadata.name", errors) && !DNS_SUBDOMAIN.matcher(name.toString()).matches()) {
                errors.add(where + ": metadata.name \"" + name
                        + "\" is not a valid name (lower case letters, digits, '-' and '.')");
            }
        }
        return errors.size() == before ? java.util.Optional.of(body) : java.util.Optional.empty();
    }

    private static boolean requireString(Object value, String where, String field, List<String> errors) {
        if (value == null || value.toString().isBlank()) {
            errors.add(where + ": missing " + field);
            return false;
        }
        return true;
    }
}
