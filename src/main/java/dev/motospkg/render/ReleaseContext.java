package dev.motospkg.render;

import java.util.LinkedHashMap;
import java.util.Map;

/** The template context's {@code release} object. */
public record ReleaseContext(String name, String namespace, int revision, boolean isInstall, boolean isUpgrade) {

    Map<String, Object> asContext() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("namespace", namespace);
        map.put("revision", (long) revision);
        map.put("isInstall", isInstall);
        map.put("isUpgrade", isUpgrade);
        map.put("service", "motospkg");
        return map;
    }
}
