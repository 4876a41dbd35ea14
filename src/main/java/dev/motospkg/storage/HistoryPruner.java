package dev.motospkg.storage;

import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the oldest revisions of a release beyond a history limit (Helm's --history-max), on any
 * {@link ReleaseStore}. Two revisions are never deleted whatever the limit: the newest one (it may be
 * the operation in progress) and the newest deployed one (what rollback and upgrade start from), so
 * a release may keep one revision more than the limit.
 */
public final class HistoryPruner {

    private HistoryPruner() {
    }

    /**
     * @param historyMax revisions to keep; 0 or less means no limit, as in Helm
     * @return the deleted revision numbers, oldest first
     */
    public static List<Integer> prune(ReleaseStore store, String namespace, String name, int historyMax) {
        if (historyMax <= 0) {
            return List.of();
        }
        List<Release> history = store.history(namespace, name);
        int excess = history.size() - historyMax;
        if (excess <= 0) {
            return List.of();
        }
        Release newest = history.get(history.size() - 1);
        Release newestDeployed = null;
        for (Release release : history) {
            if (release.status() == ReleaseStatus.DEPLOYED) {
                newestDeployed = release;
            }
        }
        List<Integer> deleted = new ArrayList<>();
        for (Release release : history) {
            if (deleted.size() == excess) {
                break;
            }
            if (release != newest && release != newestDeployed) {
                store.delete(namespace, name, release.revision());
                deleted.add(release.revision());
            }
        }
        return deleted;
    }
}
