package dev.motospkg.diff;

import dev.motospkg.yaml.Trees;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Removes what the server fills in and changes on its own, so only meaningful differences remain. */
public final class Normalizer {
    private static final Set<String> NOISY_METADATA = Set.of("managedFields", "resourceVersion", "uid", "generation",
            "creationTimestamp", "selfLink", "deletionGracePeriodSeconds");
    /** Written by controllers, not by anyone deploying. */
    private static final Set<String> NOISY_ANNOTATIONS = Set.of("deployment.kubernetes.io/revision",
            "kubectl.kubernetes.io/last-applied-configuration", "pv.kubernetes.io/bind-completed",
            "pv.kubernetes.io/bound-by-controller", "volume.beta.kubernetes.io/storage-provisioner",
            "volume.kubernetes.io/storage-provisioner");

    private Normalizer() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> normalize(Map<String, Object> object) {
        if (object == null) {
            return null;
        }
        Map<String, Object> copy = Trees.deepCopy(object);
        copy.remove("status");
        if (copy.get("metadata") instanceof Map<?, ?> m) {
            Map<String, Object> metadata = (Map<String, Object>) m;
            NOISY_METADATA.forEach(metadata::remove);
            if (metadata.get("annotations") instanceof Map<?, ?> a) {
                NOISY_ANNOTATIONS.forEach(((Map<String, Object>) a)::remove);
                if (a.isEmpty()) {
                    metadata.remove("annotations");
                }
            }
            if (metadata.get("finalizers") instanceof List<?> f && f.isEmpty()) {
                metadata.remove("finalizers");
            }
        }
        return copy;
    }
}
