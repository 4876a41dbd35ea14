package dev.motospkg.storage;

import dev.motospkg.chart.ChartMetadata;
import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sample releases for storage tests. */
final class Releases {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456789Z");

    private Releases() {
    }

    static Release release(String namespace, String name, int revision, ReleaseStatus status) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("replicas", 3L);
        values.put("image", new LinkedHashMap<>(Map.of("tag", "2.4.1")));
        return new Release(name, namespace, revision, status,
                new ChartMetadata("motos", "1.2.0", "2.4.1", "The motos web app"),
                values, "---\nkind: ConfigMap\n", T0, T0.plusSeconds(60L * revision), "Install complete");
    }

    /** A realistic values tree: numbers, booleans, lists, nesting, a null. */
    static Map<String, Object> richValues() {
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("cpu", "250m");
        resources.put("memoryMi", 512L);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("replicas", 2L);
        values.put("big", 9_000_000_000L);
        values.put("ratio", 0.75);
        values.put("enabled", true);
        values.put("debug", false);
        values.put("nothing", null);
        values.put("hosts", List.of("a.example.com", "b.example.com"));
        values.put("ports", List.of(80L, 443L));
        values.put("resources", resources);
        values.put("env", List.of(new LinkedHashMap<>(Map.of("name", "MODE")), List.of(1L, "two", true)));
        values.put("unicode", "größe ✓");
        return values;
    }

    static List<Integer> revisions(List<Release> releases) {
        return releases.stream().map(Release::revision).toList();
    }
}
