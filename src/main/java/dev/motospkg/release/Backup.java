package dev.motospkg.release;

/**
 * A database backup taken before a revision: a pg_dump file (custom format) in the release's
 * backup volume.
 *
 * @param name        the file name in the backup volume
 * @param size        its size in bytes
 * @param sha256      its checksum, hex
 * @param takenBefore the revision it was taken before (the one being made when it was taken)
 */
public record Backup(String name, long size, String sha256, int takenBefore) {
}
