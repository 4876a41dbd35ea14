package dev.motospkg.lint;

import dev.motospkg.resource.KubeObject;
import dev.motospkg.yaml.Trees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The domain checks {@code motospkg lint} runs on rendered objects; each is a function, listed in {@link #ALL}. */
public final class Checks {
    private static final Set<String> MUTABLE_TAGS = Set.of("latest", "stable", "main", "master", "dev", "edge",
            "nightly", "snapshot");

    public static final List<Function<LintInput, List<Finding>>> ALL = List.of(
            Checks::mutableTags, Checks::portsWithoutProtocol, Checks::sharedSingleNodeVolume,
            Checks::recreateForExclusiveVolume, Checks::productionRequests, Checks::rebuiltTags);

    private Checks() {
    }

    public static List<Finding> run(LintInput input) {
        List<Finding> findings = new ArrayList<>();
        ALL.forEach(check -> findings.addAll(check.apply(input)));
        return findings;
    }

    static List<Finding> mutableTags(LintInput input) {
        List<Finding> out = new ArrayList<>();
        for (KubeObject o : input.objects()) {
            for (Map<String, Object> c : Workloads.containers(o)) {
                String image = String.valueOf(c.get("image"));
                String tag = tagOf(image);
                if (tag == null || MUTABLE_TAGS.contains(tag.toLowerCase())) {
                    out.add(new Finding(Severity.ERROR, Workloads.label(o), o.source(),
                            "container " + c.get("name") + " uses image \"" + image + "\" with "
                                    + (tag == null ? "no tag (that means latest)" : "the mutable tag \"" + tag + "\""),
                            "Use an explicit version (v1, v2, ...): a rebuilt image under a reused tag is never rolled out."));
                }
            }
        }
        return out;
    }

    /**
     * {@code lint --history}: an image reference that ran as different contents in the release's
     * revisions was rebuilt under the same tag; with IfNotPresent a node that has it keeps what it
     * pulled first, so pods of one workload can run different code.
     */
    static List<Finding> rebuiltTags(LintInput input) {
        List<Finding> out = new ArrayList<>();
        for (KubeObject o : input.objects()) {
            for (Map<String, Object> c : Workloads.containers(o)) {
                String image = String.valueOf(c.get("image"));
                List<String> contents = input.ranAs().getOrDefault(image, List.of());
                boolean ifNotPresent = "IfNotPresent".equals(c.get("imagePullPolicy"))
                        || c.get("imagePullPolicy") == null && tagOf(image) != null && !"latest".equals(tagOf(image));
                if (contents.size() > 1 && ifNotPresent && !image.contains("@sha256:")) {
                    out.add(new Finding(Severity.WARNING, Workloads.label(o), o.source(),
                            "container " + c.get("name") + " uses \"" + image + "\" with imagePullPolicy IfNotPresent,"
                                    + " and that tag ran as " + contents.size() + " different contents across the"
                                    + " release's revisions (" + String.join(", ", contents) + "): it was rebuilt, and"
                                    + " a node that has it keeps whichever it pulled first",
                            "Give each build a new tag (or pin a digest); `motospkg upgrade --restart --wait` replaces"
                                    + " the pods now, and `motospkg status` shows the digests they run."));
                }
            }
        }
        return out;
    }

    /** The tag of an image reference, or null; a digest pins the image and counts as a tag. */
    static String tagOf(String image) {
        if (image.contains("@sha256:")) {
            return image.substring(image.indexOf('@') + 1);
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : null;
    }

    static List<Finding> portsWithoutProtocol(LintInput input) {
        List<Finding> out = new ArrayList<>();
        for (KubeObject o : input.objects()) {
            List<Map<String, Object>> ports = new ArrayList<>();
            if (o.kind().equals("Service")) {
                ports.addAll(Trees.mapList(o.at("spec", "ports")));
            }
            for (Map<String, Object> c : Workloads.containers(o)) {
                ports.addAll(Trees.mapList(c.get("ports")));
            }
            for (Map<String, Object> p : ports) {
                if (p.get("protocol") == null) {
                    Object port = p.containsKey("containerPort") ? p.get("containerPort") : p.get("port");
                    out.add(new Finding(Severity.ERROR, Workloads.label(o), o.source(),
                            "port " + port + " does not state its protocol",
                            "Add `protocol: TCP`: server-side apply needs it as a list key on older API servers."));
                }
            }
        }
        return out;
    }

    static List<Finding> sharedSingleNodeVolume(LintInput input) {
        List<Finding> out = new ArrayList<>();
        Map<String, List<KubeObject>> users = claimUsers(input);
        for (KubeObject pvc : input.objects()) {
            if (!pvc.kind().equals("PersistentVolumeClaim") || !Workloads.isSingleNode(pvc)) {
                continue;
            }
            List<KubeObject> deployments = users.getOrDefault(pvc.name(), List.of());
            int pods = deployments.stream().mapToInt(Workloads::replicas).sum();
            boolean scaled = deployments.stream().anyMatch(d -> Workloads.replicas(d) > 1);
            if (pods > 1 && scaled) {
                List<String> who = deployments.stream()
                        .map(d -> d.name() + " (" + Workloads.replicas(d) + (Workloads.replicas(d) == 1 ? " replica)" : " replicas)")).toList();
                out.add(new Finding(Severity.ERROR, Workloads.label(pvc), pvc.source(),
                        "ReadWriteOnce volume " + pvc.name() + " is mounted by " + String.join(", ", who)
                                + ": pods scheduled on different nodes cannot attach it",
                        "Use accessMode ReadWriteMany (with a storage class that supports it) or keep one replica."));
            }
        }
        return out;
    }

    static List<Finding> recreateForExclusiveVolume(LintInput input) {
        List<Finding> out = new ArrayList<>();
        Map<String, List<KubeObject>> users = claimUsers(input);
        Map<String, KubeObject> pvcs = pvcs(input);
        for (KubeObject d : input.objects()) {
            if (!Workloads.isDeployment(d) || "Recreate".equals(d.at("spec", "strategy", "type"))) {
                continue;
            }
            for (String claim : Workloads.claims(d)) {
                KubeObject pvc = pvcs.get(claim);
                boolean exclusive = users.getOrDefault(claim, List.of()).size() == 1;
                if (pvc != null && exclusive && Workloads.isSingleNode(pvc)) {
                    out.add(new Finding(Severity.ERROR, Workloads.label(d), d.source(),
                            "Deployment " + d.name() + " owns ReadWriteOnce volume " + claim
                                    + " but rolls out with RollingUpdate: the new pod waits for a volume the old one holds",
                            "Set `strategy: {type: Recreate}` (a database must not run twice on one data directory)."));
                }
            }
        }
        return out;
    }

    static List<Finding> productionRequests(LintInput input) {
        List<Finding> out = new ArrayList<>();
        if (!input.production()) {
            return out;
        }
        for (KubeObject o : input.objects()) {
            for (Map<String, Object> c : Workloads.containers(o)) {
                Object requests = Trees.at(c, List.of("resources", "requests"));
                if (!(requests instanceof Map<?, ?> m) || !m.containsKey("cpu") || !m.containsKey("memory")) {
                    out.add(new Finding(Severity.WARNING, Workloads.label(o), o.source(),
                            "container " + c.get("name") + " has no cpu and memory requests in a production values file",
                            "Set resources.requests (and limits) so the scheduler can place it and it is not evicted first."));
                }
            }
        }
        return out;
    }

    private static Map<String, List<KubeObject>> claimUsers(LintInput input) {
        Map<String, List<KubeObject>> users = new LinkedHashMap<>();
        for (KubeObject o : input.objects()) {
            if (Workloads.isDeployment(o)) {
                for (String claim : Workloads.claims(o)) {
                    users.computeIfAbsent(claim, k -> new ArrayList<>()).add(o);
                }
            }
        }
        return users;
    }

    private static Map<String, KubeObject> pvcs(LintInput input) {
        Map<String, KubeObject> pvcs = new LinkedHashMap<>();
        input.objects().stream().filter(o -> o.kind().equals("PersistentVolumeClaim")).forEach(o -> pvcs.put(o.name(), o));
        return pvcs;
    }
}
