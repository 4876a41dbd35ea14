package dev.motospkg.action;

/**
 * What a change does about the release's data.
 *
 * @param backups  whether the chart's backup steps run before a risky change ({@code --no-backup}: no)
 * @param onRollback what a rollback does when the database is ahead of the revision it goes back to
 */
public record DataOptions(boolean backups, OnRollback onRollback) {

    /** A rollback's choice about a database that has migrations the target revision's code does not know. */
    public enum OnRollback {
        /** Refuse, saying why and what the two options are (the default). */
        REFUSE_IF_AHEAD,
        /** {@code --keep-data}: roll back the objects only; the database stays as it is. */
        KEEP,
        /** {@code --restore-data}: put back the backups taken before the revision that moved it forward. */
        RESTORE
    }

    public static DataOptions defaults() {
        return new DataOptions(true, OnRollback.REFUSE_IF_AHEAD);
    }

    public DataOptions withoutBackups() {
        return new DataOptions(false, onRollback);
    }
}
