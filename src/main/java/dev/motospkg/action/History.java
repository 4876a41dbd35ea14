package dev.motospkg.action;

import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import java.util.List;
import java.util.Optional;

/** A release's stored revisions, oldest first, and the questions actions ask of them. */
record History(String namespace, String name, List<Release> revisions) {

    Optional<Release> deployed() {
        for (int i = revisions.size() - 1; i >= 0; i--) {
            if (revisions.get(i).status() == ReleaseStatus.DEPLOYED) {
                return Optional.of(revisions.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Deployed revisions older than the newest deployed one: a command killed between recording a
     * revision deployed and superseding the previous one leaves two. The newer one is the truth (its
     * objects were all applied before it was recorded), so the older ones are superseded.
     */
    List<Release> staleDeployed() {
        Optional<Release> newest = deployed();
        return revisions.stream().filter(r -> r.status() == ReleaseStatus.DEPLOYED)
                .filter(r -> r != newest.orElse(null)).toList();
    }

    /** The history as it reads once repaired: older deployed revisions shown superseded. For read commands. */
    History repairedView() {
        List<Release> stale = staleDeployed();
        if (stale.isEmpty()) {
            return this;
        }
        return new History(namespace, name, revisions.stream()
                .map(r -> stale.contains(r) ? r.withStatus(ReleaseStatus.SUPERSEDED, r.description(), r.lastDeployed()) : r)
                .toList());
    }

    Optional<Release> latest() {
        return revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.get(revisions.size() - 1));
    }

    Optional<Release> revision(int n) {
        return revisions.stream().filter(r -> r.revision() == n).findFirst();
    }

    int nextRevision() {
        return latest().map(r -> r.revision() + 1).orElse(1);
    }
}
