package dev.motospkg.action;

import dev.motospkg.apply.DesiredObject;
import dev.motospkg.kube.Cluster;
import dev.motospkg.release.RunningImage;
import dev.motospkg.yaml.Trees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which image contents the pods of a release's workloads really run: each container's
 * {@code status.containerStatuses[].imageID} (the digest the kubelet resolved), counted per pod. A tag
 * names whatever was pushed or imported last; the imageID is what a pod started with.
 */
final class RunningImages {

    private RunningImages() {
    }

    /** Per workload and container, one entry per distinct imageID; pods not started yet are left out. */
    static List<RunningImage> of(Cluster cluster, List<DesiredObject> objects) {
        List<RunningImage> out = new ArrayList<>();
        for (DesiredObject d : objects) {
            if (!d.kind().equals("Deployment") && !d.kind().equals("StatefulSet") && !d.kind().equals("DaemonSet")) {
                continue;
            }
            Map<String, String> selector = new TreeMap<>();
            if (Trees.at(d.body(), List.of("spec", "selector", "matchLabels")) instanceof Map<?, ?> labels) {
                labels.forEach((k, v) -> selector.put(String.valueOf(k), String.valueOf(v)));
            }
            if (selector.isEmpty()) {
                continue;
            }
            // container -> imageID -> [image, pods]
            Map<String, Map<String, Object[]>> seen = new LinkedHashMap<>();
            for (Map<String, Object> pod : cluster.list("v1", "Pod", d.key().namespace(), selector)) {
                if (Trees.at(pod, List.of("metadata", "deletionTimestamp")) != null) {
                    continue; // on its way out: not what runs
                }
                // the image as the pod spec names it (the runtime reports it normalized: docker.io/library/...)
                Map<String, String> specImages = new LinkedHashMap<>();
                for (Map<String, Object> c : Trees.mapList(Trees.at(pod, List.of("spec", "containers")))) {
                    specImages.put(String.valueOf(c.get("name")), String.valueOf(c.get("image")));
                }
                for (Map<String, Object> cs : Trees.mapList(Trees.at(pod, List.of("status", "containerStatuses")))) {
                    Object id = cs.get("imageID");
                    if (id == null || String.valueOf(id).isEmpty()) {
                        continue;
                    }
                    Object[] entry = seen.computeIfAbsent(String.valueOf(cs.get("name")), k -> new LinkedHashMap<>())
                            .computeIfAbsent(String.valueOf(id), k -> new Object[] {specImages.getOrDefault(String.valueOf(cs.get("name")),
                                    String.valueOf(cs.get("image"))), 0});
                    entry[1] = (Integer) entry[1] + 1;
                }
            }
            String workload = d.kind() + "/" + d.key().name();
            seen.forEach((container, ids) -> ids.forEach((id, entry) ->
                    out.add(new RunningImage(workload, container, (String) entry[0], id, (Integer) entry[1]))));
        }
        return out;
    }

    /**
     * The lines that flag one workload's container running several digests: the same tag, different
     * contents (a tag rebuilt, and only some pods started since).
     */
    static List<String> mixed(List<RunningImage> images) {
        Map<String, List<RunningImage>> byContainer = new LinkedHashMap<>();
        images.forEach(i -> byContainer.computeIfAbsent(i.workload() + " container " + i.container(),
                k -> new ArrayList<>()).add(i));
        List<String> out = new ArrayList<>();
        byContainer.forEach((what, list) -> {
            if (list.size() > 1) {
                List<String> parts = list.stream().map(i -> i.shortDigest() + " (" + i.pods() + (i.pods() == 1 ? " pod"
                        : " pods") + (i.image().equals(list.get(0).image()) ? "" : ", " + i.image()) + ")").toList();
                out.add(what + " runs " + list.size() + " different images under " + list.get(0).image() + ": "
                        + String.join(", ", parts) + ". The tag was rebuilt and only some pods started since;"
                        + " `motospkg upgrade --restart --wait` replaces every pod, so all run what the tag names now.");
            }
        });
        return out;
    }
}
