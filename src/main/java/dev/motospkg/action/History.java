package dev.motospkg.action;

import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import java.util.List;
import java.util.Optional;

/**
 * A release's revisions, oldest first, as the store reads them (replaced ones superseded), and the
 * questions actions ask of them.
 */
record History(String namespace, String name, List<Release> revisions) {

    Optional<Release> deployed() {
        for (int i = revisions.size() - 1; i >= 0; i--) {
            if (revisions.get(i).status() == ReleaseStatus.DEPLOYED) {
                return Optional.of(revisions.get(i));
            }
        }
        return Optional.empty();
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
