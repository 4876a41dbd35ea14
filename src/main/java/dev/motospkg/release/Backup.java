package dev.motospkg.release;

/**
 * A backup file in the release's backup volume, written by a backup step before a revision: a
 * pg_dump (custom format) of the database, or a tar of the media volume.
 *
 * @param step        the step that wrote it ("backup", "backup-media")
 * @param name        the file name in the backup volume
 * @param size        its size in bytes
 * @param sha256      its checksum, hex
 * @param takenBefore the revision it was taken before (the one being made when it was taken)
 */
public record Backup(String step, String name, long size, String sha256, int takenBefore) {
}
