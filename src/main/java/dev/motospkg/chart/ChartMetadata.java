package dev.motospkg.chart;

import java.util.LinkedHashMap;
import java.util.Map;

/** Chart.yaml: what the chart is. */
public record ChartMetadata(String name, String version, String appVersion, String description) {

    /** The template context's {@code chart} object. */
    public Map<String, Object> asContext() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("version", version);
        map.put("appVersion", appVersion);
        map.put("description", description);
        return map;
    }
}
