package dev.motospkg.release;

/**
 * A backup file in the release's backup volume, written by a backup step: a pg_dump (custom
 * format) of the database, or a tar of the media volume.
 *
 * @param step     the step that wrote it ("backup", "backup-media")
 * @param name     the file name in the backup volume
 * @param size     its size in bytes
 * @param sha256   its checksum, hex
 * @param revision the revision it was taken before (the one being made), or, on demand
 *                 ({@code motospkg backup}), the deployed revision it was taken at
 * @param onDemand taken by {@code motospkg backup} rather than before a change
 */
public record Backup(String step, String name, long size, String sha256, int revision, boolean onDemand) {

    /** A backup taken before {@code revision} by a risky change. */
    public Backup(String step, String name, long size, String sha256, int revision) {
        this(step, name, size, sha256, revision, false);
    }

    /** The same file, recorded as taken on demand while {@code deployed} was the deployed revision. */
    public Backup onDemandAt(int deployed) {
        return new Backup(step, name, size, sha256, deployed, true);
    }

    /** "taken before revision 2", "taken on demand at revision 3". */
    public String when() {
        return (onDemand ? "taken on demand at revision " : "taken before revision ") + revision;
    }
}
