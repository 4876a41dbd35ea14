package dev.motospkg.values;

import java.util.Map;

/**
 * The values a render uses ({@code merged}: chart defaults with everything on top), what the user
 * supplied on their own ({@code userSupplied}: what a release records and an upgrade reuses), and
 * where each value came from.
 */
public record MergedValues(Map<String, Object> merged, Map<String, Object> userSupplied, ValueOrigins origins) {
}
