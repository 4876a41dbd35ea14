package dev.motospkg.resource;

import dev.motospkg.render.RenderedFile;
import dev.motospkg.yaml.YamlCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hides Secret contents wherever a manifest is shown (dry-run, get manifest, diff): the reader sees
 * that a key exists and its size, never its value.
 */
public final class Redactor {
    private final YamlCodec yaml;

    public Redactor(YamlCodec yaml) {
        this.yaml = yaml;
    }

    public String redactManifest(String manifest) {
        StringBuilder out = new StringBuilder();
        for (ManifestParser.Document doc : ManifestParser.split(new RenderedFile("manifest", manifest))) {
            if (doc.text().isBlank()) {
                continue;
            }
            Object tree = yaml.parseOne(doc.text(), "manifest");
            if (tree instanceof Map<?, ?> map && "Secret".equals(map.get("kind"))) {
                out.append("---\n").append(sourceLines(doc.text())).append(yaml.print(redactSecret(map)));
            } else {
                out.append("---\n").append(doc.text().strip()).append('\n');
            }
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> redactSecret(Map<?, ?> secret) {
        Map<String, Object> copy = dev.motospkg.yaml.Trees.deepCopy((Map<String, Object>) secret);
        for (String field : new String[] {"data", "stringData"}) {
            if (copy.get(field) instanceof Map<?, ?> entries) {
                Map<String, Object> hidden = new LinkedHashMap<>();
                entries.forEach((k, v) -> hidden.put(String.valueOf(k), hiddenValue(field, v)));
                copy.put(field, hidden);
            }
        }
        return copy;
    }

    private static String hiddenValue(String field, Object value) {
        String text = value == null ? "" : value.toString();
        int bytes = text.length();
        if (field.equals("data")) {
            try {
                bytes = Base64.getDecoder().decode(text).length;
            } catch (IllegalArgumentException e) {
                bytes = text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return "(hidden: " + bytes + " bytes; --show-secrets to see)";
    }

    private static String sourceLines(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith(ManifestParser.SOURCE_PREFIX)) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
