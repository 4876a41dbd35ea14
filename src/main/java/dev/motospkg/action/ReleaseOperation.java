package dev.motospkg.action;

import dev.motospkg.release.ReleaseStatus;

/**
 * The three ways a new revision is made; they differ only in where manifest and values come from.
 * (What a plan does to each object is {@code diff.ChangeKind}.)
 */
enum ReleaseOperation {
    INSTALL("install", ReleaseStatus.PENDING_INSTALL),
    UPGRADE("upgrade", ReleaseStatus.PENDING_UPGRADE),
    ROLLBACK("rollback", ReleaseStatus.PENDING_ROLLBACK);

    final String verb;
    final ReleaseStatus pending;

    ReleaseOperation(String verb, ReleaseStatus pending) {
        this.verb = verb;
        this.pending = pending;
    }
}
