package dev.motospkg.action;

import dev.motospkg.apply.DesiredObject;
import dev.motospkg.apply.Steps;
import dev.motospkg.release.Release;
import dev.motospkg.release.RunningImage;
import dev.motospkg.wait.ObjectState;
import dev.motospkg.wait.LiveState;
import dev.motospkg.yaml.JsonPrinter;
import dev.motospkg.yaml.Trees;
import dev.motospkg.yaml.YamlCodec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code motospkg status}: the revision, each object's live state, and how to reach the frontend. */
public final class Status {
    private final ActionContext ctx;
    private final LiveState liveState;

    public Status(ActionContext ctx) {
        this.ctx = ctx;
        this.liveState = new LiveState(ctx.cluster());
    }

    public void run(ReleaseRef ref, OutputFormat format) {
        Release release = new Inspect(ctx).pick(ref, null);
        List<Map<String, Object>> objects = new ArrayList<>();
        List<String> access = new ArrayList<>();
        for (DesiredObject d : new Deployer(ctx).desired(release)) {
            Optional<Map<String, Object>> live = ctx.cluster().get(d.key());
            boolean step = Steps.isStep(d);
            // a step's Job is run, not kept: gone (its cleanup policy) is normal, and running is not "not ready"
            ObjectState state = live.map(l -> liveState.assess(d.key(), l))
                    .orElse(new ObjectState(false, step ? "not in the cluster: the step has not run, or its cleanup policy deleted its Job"
                            : "missing from the cluster", List.of()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("object", d.key().toString() + (step ? " (step)" : ""));
            row.put("ready", state.ready() ? "yes" : !step || state.failed() ? "no" : "-");
            row.put("state", state.summary() + (state.reasons().isEmpty() ? "" : "; " + String.join("; ", state.reasons())));
            objects.add(row);
            live.ifPresent(l -> access.addAll(access(d, l)));
        }
        List<RunningImage> images = RunningImages.of(ctx.cluster(), new Deployer(ctx).desired(release));
        List<String> mixed = RunningImages.mixed(images);
        if (format != OutputFormat.TABLE) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", release.name());
            doc.put("namespace", release.namespace());
            doc.put("revision", release.revision());
            doc.put("status", release.status().wire());
            doc.put("description", release.description());
            if (release.appliedTo() != null) {
                doc.put("appliedTo", Map.of("clusterId", String.valueOf(release.appliedTo().clusterId()),
                        "via", String.valueOf(release.appliedTo().via())));
            }
            doc.put("objects", objects);
            doc.put("access", access);
            if (!images.isEmpty()) {
                doc.put("images", images.stream().map(Status::imageRow).toList());
                doc.put("mixedImages", mixed);
            }
            ctx.out().print(format == OutputFormat.JSON ? JsonPrinter.print(doc) : new YamlCodec().print(doc));
            ctx.out().flush();
            return;
        }
        ClusterTarget.warnIfElsewhere(ctx, List.of(release), ClusterTarget.current(ctx));
        print(ctx.out(), release, objects, access);
        printImages(ctx.out(), images, mixed);
    }

    private static Map<String, Object> imageRow(RunningImage i) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("workload", i.workload());
        row.put("container", i.container());
        row.put("image", i.image());
        row.put("digest", i.shortDigest());
        row.put("imageID", i.imageId());
        row.put("pods", i.pods());
        return row;
    }

    /** What the pods run, by digest; a container with two digests under one tag is flagged. */
    static void printImages(PrintWriter out, List<RunningImage> images, List<String> mixed) {
        if (images.isEmpty()) {
            return;
        }
        out.println();
        out.println("Images the pods run (their imageID):");
        List<Map<String, Object>> rows = images.stream().map(i -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", i.workload());
            row.put("container", i.container());
            row.put("image", i.image());
            row.put("digest", i.shortDigest());
            row.put("pods", i.pods());
            return row;
        }).toList();
        Table.print(out, rows);
        mixed.forEach(m -> out.println("Warning: " + m));
        out.flush();
    }

    static void print(PrintWriter out, Release release, List<Map<String, Object>> objects, List<String> access) {
        out.println("NAME: " + release.name());
        out.println("NAMESPACE: " + release.namespace());
        out.println("REVISION: " + release.revision());
        out.println("STATUS: " + release.status().wire());
        out.println("CHART: " + release.chart().name() + "-" + release.chart().version() + " (app "
                + release.chart().appVersion() + ")");
        out.println("DESCRIPTION: " + release.description());
        if (release.appliedTo() != null && release.appliedTo().clusterId() != null) {
            out.println("CLUSTER: kube-system uid " + release.appliedTo().clusterId() + " (applied through "
                    + release.appliedTo().via() + ")");
        }
        out.println();
        Table.print(out, objects);
        if (!access.isEmpty()) {
            out.println();
            access.forEach(out::println);
        }
        if (release.status() == dev.motospkg.release.ReleaseStatus.UNINSTALLED) {
            out.println();
            out.println("Uninstalled with its history kept; `motospkg rollback " + release.name() + " -n "
                    + release.namespace() + "` brings revision " + release.revision() + " back.");
        }
        out.flush();
    }

    /** How a person reaches an exposed Service: the NodePort (with the minikube line) or the load balancer. */
    static List<String> access(DesiredObject d, Map<String, Object> live) {
        if (!d.kind().equals("Service")) {
            return List.of();
        }
        String type = String.valueOf(Trees.at(live, List.of("spec", "type")));
        String name = d.key().name();
        String ns = d.key().namespace();
        List<String> lines = new ArrayList<>();
        if (type.equals("NodePort")) {
            for (Map<String, Object> port : Trees.mapList(Trees.at(live, List.of("spec", "ports")))) {
                lines.add("Service " + name + " is on NodePort " + port.get("nodePort") + ": http://<node-ip>:"
                        + port.get("nodePort") + "/  (minikube: `minikube service " + name + " -n " + ns + " --url`)");
            }
        } else if (type.equals("LoadBalancer")) {
            Object ingress = Trees.at(live, List.of("status", "loadBalancer", "ingress", 0));
            lines.add("Service " + name + " load balancer: " + (ingress instanceof Map<?, ?> m
                    ? (m.get("ip") != null ? m.get("ip") : m.get("hostname")) : "pending (minikube: run `minikube tunnel`)"));
        }
        return lines;
    }
}
