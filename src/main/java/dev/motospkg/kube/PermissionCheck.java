package dev.motospkg.kube;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the user may do what motospkg does in a namespace, asked the way {@code kubectl auth can-i}
 * asks (SelfSubjectAccessReview): so a refusal later is known to be RBAC, before any change.
 */
final class PermissionCheck {

    /** verb, API group, resource: the release store, the lock, and the objects the chart applies. */
    private static final List<String[]> NEEDED = List.of(
            new String[] {"list", "", "secrets"}, new String[] {"create", "", "secrets"},
            new String[] {"create", "coordination.k8s.io", "leases"}, new String[] {"patch", "apps", "deployments"},
            new String[] {"patch", "", "services"}, new String[] {"patch", "", "persistentvolumeclaims"});

    private PermissionCheck() {
    }

    static Diagnosis.Finding check(KubernetesClient client, String namespace, String user, String context) {
        List<String> denied = new ArrayList<>();
        for (String[] need : NEEDED) {
            SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
                    .withNewResourceAttributes().withNamespace(namespace).withVerb(need[0]).withGroup(need[1])
                    .withResource(need[2]).endResourceAttributes().endSpec().build();
            SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(review);
            if (answer.getStatus() == null || !Boolean.TRUE.equals(answer.getStatus().getAllowed())) {
                denied.add(need[0] + " " + need[2]);
            }
        }
        if (denied.isEmpty()) {
            return Diagnosis.Finding.ok("Permissions", "in namespace " + namespace + ", user " + user + " may list and"
                    + " create Secrets (release records), create Leases (the release lock) and patch Deployments,"
                    + " Services and PersistentVolumeClaims.");
        }
        return Diagnosis.Finding.warning("Permissions", "in namespace " + namespace + ", RBAC does not let user " + user
                + ": " + String.join(", ", denied) + ". motospkg needs these to record releases (Secrets), lock them"
                + " (Leases) and apply the chart; commands there will be refused with 403.",
                "ask a cluster admin for a RoleBinding in " + namespace + " (e.g. to the `edit` ClusterRole); `kubectl"
                        + " --context " + context + " auth can-i --list -n " + namespace + "` shows what you may do."
                        + " Another namespace: pass -n to motospkg, or set the context's namespace.");
    }
}
