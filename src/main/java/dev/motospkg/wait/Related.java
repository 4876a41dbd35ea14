package dev.motospkg.wait;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What besides an object itself decides whether it is ready: a workload's pods (for the reasons
 * it is not; a Deployment's terminating ones also hold it back), a Service's Endpoints (whether
 * anything answers on it).
 */
public record Related(List<Map<String, Object>> pods, Optional<Map<String, Object>> endpoints) {

    public static final Related NONE = new Related(List.of(), Optional.empty());

    public Related {
        pods = List.copyOf(pods);
    }
}
