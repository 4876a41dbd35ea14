package dev.motospkg.action;

import dev.motospkg.apply.DesiredObject;
import dev.motospkg.release.Release;
import dev.motospkg.yaml.Trees;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code upgrade --restart}: a pod-template annotation with the time, as {@code kubectl rollout
 * restart} does, so every pod is replaced even when the manifest did not change (an image rebuilt
 * under the same tag). The stamp belongs to the revision and is carried by the revisions after it:
 * otherwise the next upgrade would remove the annotation, and removing it would restart the pods again.
 */
final class Restarts {
    static final String ANNOTATION = "motospkg.dev/restarted-at";
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet");

    private Restarts() {
    }

    /** The target with {@code --restart}'s stamp, or the current revision's stamp when it asks for none. */
    static ChangeTarget carry(ChangeTarget next, Release current) {
        Instant stamp = next.restartedAt() != null ? next.restartedAt() : current == null ? null : current.restartedAt();
        return new ChangeTarget(next.chart(), next.userValues(), next.manifest(), stamp(next.objects(), stamp),
                next.description(), stamp, next.rollsBackTo());
    }

    /** The objects with the stamp on every workload's pod template (none: the annotation removed). */
    static List<DesiredObject> stamp(List<DesiredObject> objects, Instant stamp) {
        List<DesiredObject> out = new ArrayList<>(objects.size());
        for (DesiredObject d : objects) {
            if (!WORKLOADS.contains(d.kind()) || !(Trees.at(d.body(), List.of("spec", "template")) instanceof Map<?, ?>)) {
                out.add(d);
                continue;
            }
            Map<String, Object> body = Trees.deepCopy(d.body());
            @SuppressWarnings("unchecked")
            Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) body.get("spec")).get("template");
            Map<String, Object> metadata = child(template, "metadata");
            Map<String, Object> annotations = child(metadata, "annotations");
            if (stamp != null) {
                annotations.put(ANNOTATION, stamp.toString());
            } else {
                annotations.remove(ANNOTATION);
                if (annotations.isEmpty()) {
                    metadata.remove("annotations");
                }
            }
            out.add(new DesiredObject(d.key(), d.source(), body));
        }
        return out;
    }

    /**
     * For an upgrade that changed nothing: the tagged images a node would not pull again
     * (IfNotPresent, Kubernetes' default for a tag other than latest). If one of them was rebuilt under
     * the same tag, this upgrade rolled nothing out, and the user should hear how to.
     */
    static java.util.Optional<String> sameTagNote(List<DesiredObject> objects) {
        java.util.Set<String> images = new java.util.TreeSet<>();
        for (DesiredObject d : objects) {
            if (!WORKLOADS.contains(d.kind())) {
                continue;
            }
            for (Map<String, Object> c : Trees.mapList(Trees.at(d.body(), List.of("spec", "template", "spec", "containers")))) {
                String image = String.valueOf(c.get("image"));
                Object policy = c.get("imagePullPolicy");
                boolean pinned = image.contains("@sha256:");
                boolean latest = !image.substring(image.lastIndexOf('/') + 1).contains(":") || image.endsWith(":latest");
                boolean ifNotPresent = policy == null ? !latest : policy.equals("IfNotPresent");
                if (!pinned && ifNotPresent) {
                    images.add(image);
                }
            }
        }
        return images.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("If an image was rebuilt under"
                + " the same tag (" + String.join(", ", images) + "), nothing rolled out: nodes that have the tag"
                + " keep the old contents (imagePullPolicy IfNotPresent). `motospkg upgrade --restart --wait` replaces"
                + " the pods; `motospkg status` shows the digests they run.");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object existing = parent.get(key);
        if (existing instanceof Map<?, ?>) {
            return (Map<String, Object>) existing;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }
}
