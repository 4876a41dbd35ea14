package dev.motospkg.action;

import dev.motospkg.release.Release;
import java.util.function.BiFunction;

/**
 * A new revision to make: which release, how (install/upgrade/rollback), and how to build it from
 * the history and the deployed revision (null for an install); {@code data}: backups and, for a
 * rollback, what to do about a database that is ahead. {@code diff} plans the same request without
 * writing.
 */
record ChangeRequest(ReleaseOperation operation, ReleaseRef release, Takeover takeover,
        BiFunction<History, Release, ChangeTarget> target, DataOptions data) {

    ChangeRequest(ReleaseOperation operation, ReleaseRef release, Takeover takeover,
            BiFunction<History, Release, ChangeTarget> target) {
        this(operation, release, takeover, target, DataOptions.defaults());
    }
}
