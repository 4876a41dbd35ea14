package dev.motospkg.schema;

import java.util.List;

/**
 * One way in which a values tree breaks the chart's values schema.
 *
 * @param path         the offending node as a human-readable path: map keys joined with {@code .}, list indexes as
 *                     {@code [i]}, keys that are not plain identifiers (anything besides letters, digits, {@code _}
 *                     and {@code -}) quoted as {@code ["app.kubernetes.io/name"]}; the root is {@code "(root)"}.
 *                     For a missing required key and for an unknown key the path is the full path of that key
 *                     (e.g. {@code backend.image.tag}, {@code backend.tga}).
 * @param pathElements the same path as a list: {@link String} keys and {@link Integer} indexes (empty for the root)
 * @param message      plain-language description, e.g. {@code missing required key "tag"}
 * @param value        the offending value rendered for humans (strings in double quotes, containers as compact
 *                     JSON, {@code "******"} when the path is sensitive), or {@code null} when there is no value
 *                     (missing required key)
 */
public record Violation(String path, List<Object> pathElements, String message, String value) {

    public Violation {
        pathElements = List.copyOf(pathElements);
    }

    @Override
    public String toString() {
        return value == null ? path + ": " + message : path + ": " + message + " (value: " + value + ")";
    }
}
