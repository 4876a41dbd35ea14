package dev.motospkg.action;

import dev.motospkg.release.AppliedTo;
import dev.motospkg.release.Release;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster a command works on, said before it writes ("Target: context prod, server ...,
 * namespace motos-app"), so a change aimed at the wrong cluster is seen before it happens; and the
 * warning when a release's history says it was applied to another cluster than this one.
 */
final class ClusterTarget {

    private ClusterTarget() {
    }

    /** Prints the target line and returns what the new revision records. */
    static AppliedTo announce(ActionContext ctx, String namespace) {
        Optional<String> id = ctx.cluster().identity();
        ctx.out().println("Target: " + ctx.cluster().describe() + ", namespace " + namespace
                + id.map(uid -> ", kube-system uid " + uid).orElse(" (cluster identity unknown: kube-system is not readable)"));
        ctx.out().flush();
        return new AppliedTo(id.orElse(null), ctx.cluster().describe());
    }

    /** The cluster as a read-only command sees it, without the target line. */
    static AppliedTo current(ActionContext ctx) {
        return new AppliedTo(ctx.cluster().identity().orElse(null), ctx.cluster().describe());
    }

    /**
     * Warns when the newest revision that recorded a cluster recorded another one: the release's
     * records were copied or restored here (a backup restored into a new cluster, a migrated
     * etcd), so what history says was applied may not be what this cluster runs.
     */
    static void warnIfElsewhere(ActionContext ctx, List<Release> revisions, AppliedTo here) {
        if (here.clusterId() == null) {
            return;
        }
        revisions.stream().filter(r -> r.appliedTo() != null && r.appliedTo().clusterId() != null)
                .max(Comparator.comparingInt(Release::revision))
                .filter(r -> !Objects.equals(r.appliedTo().clusterId(), here.clusterId()))
                .ifPresent(r -> {
                    ctx.out().println("Warning: " + r.label() + " was applied to another cluster (kube-system uid "
                            + r.appliedTo().clusterId()
                            + ", reached as " + r.appliedTo().via() + "); this cluster's kube-system uid is " + here.clusterId()
                            + " (" + here.via() + "). Its release records were copied or restored here, so the"
                            + " objects may differ from what its history says: `motospkg diff upgrade` shows how,"
                            + " `motospkg doctor` shows which cluster the kubeconfig reaches.");
                    ctx.out().flush();
                });
    }
}
