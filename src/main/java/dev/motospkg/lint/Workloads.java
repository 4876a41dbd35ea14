package dev.motospkg.lint;

import dev.motospkg.resource.KubeObject;
import dev.motospkg.yaml.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the parts of Deployments and PVCs the checks need. */
final class Workloads {
    private Workloads() {
    }

    static boolean isDeployment(KubeObject o) {
        return o.kind().equals("Deployment");
    }

    static int replicas(KubeObject deployment) {
        Object r = deployment.at("spec", "replicas");
        return r instanceof Number n ? n.intValue() : 1;
    }

    static List<Map<String, Object>> containers(KubeObject workload) {
        List<Map<String, Object>> all = new ArrayList<>(
                Trees.mapList(workload.at("spec", "template", "spec", "containers")));
        all.addAll(Trees.mapList(workload.at("spec", "template", "spec", "initContainers")));
        return all;
    }

    /** Names of the PVCs a workload mounts. */
    static List<String> claims(KubeObject workload) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> volume : Trees.mapList(workload.at("spec", "template", "spec", "volumes"))) {
            Object claim = Trees.at(volume, List.of("persistentVolumeClaim", "claimName"));
            if (claim != null) {
                names.add(claim.toString());
            }
        }
        return names;
    }

    /** ReadWriteOnce (or ReadWriteOncePod) and nothing that allows sharing across nodes. */
    static boolean isSingleNode(KubeObject pvc) {
        Object modes = pvc.at("spec", "accessModes");
        if (!(modes instanceof List<?> list) || list.isEmpty()) {
            return true;
        }
        return list.stream().allMatch(m -> "ReadWriteOnce".equals(m) || "ReadWriteOncePod".equals(m));
    }

    static String label(KubeObject o) {
        return o.kind() + "/" + o.name();
    }
}
