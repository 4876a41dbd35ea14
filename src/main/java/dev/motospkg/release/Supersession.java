package dev.motospkg.release;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How a release's history reads: a revision recorded deployed is superseded once a newer one has
 * been deployed. Deploying a revision is therefore one write (its own record), not two (it and
 * the one it replaces), and no kill between two writes can leave two revisions deployed. Both
 * stores read every history through here, so every command sees the same statuses.
 */
public final class Supersession {

    private Supersession() {
    }

    /** The revisions, oldest first, with every deployed one that a newer deployment replaced shown superseded. */
    public static List<Release> asRead(Collection<Release> oldestFirst) {
        List<Release> out = new ArrayList<>(oldestFirst);
        boolean replaced = false;
        for (int i = out.size() - 1; i >= 0; i--) {
            Release r = out.get(i);
            if (r.status() == ReleaseStatus.DEPLOYED && replaced) {
                out.set(i, r.withStatus(ReleaseStatus.SUPERSEDED, r.description(), r.lastDeployed()));
            }
            replaced |= wasDeployed(r.status());
        }
        return out;
    }

    /** Statuses only a revision that was deployed reaches. */
    private static boolean wasDeployed(ReleaseStatus status) {
        return switch (status) {
            case DEPLOYED, SUPERSEDED, UNINSTALLING, UNINSTALLED -> true;
            default -> false;
        };
    }
}
