package dev.motospkg.apply;

import java.util.Arrays;
import java.util.Optional;

/** What a step reports at the end of its log for motospkg to record or act on ({@code motospkg.dev/step-records}). */
public enum StepRecords {
    NOTHING(null),
    /** A backup file it wrote: {@code motospkg-backup name=... size=... sha256=...}, recorded in the revision. */
    BACKUP("backup"),
    /**
     * Whether the database is ahead of the revision's code: {@code motospkg-schema ahead=a,b} (the
     * migrations applied that its image does not know; empty when none). Run by a rollback before
     * it changes anything, against the database as it is.
     */
    SCHEMA("schema");

    private final String wire;

    StepRecords(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The log line's prefix: "motospkg-backup ". */
    public String linePrefix() {
        return "motospkg-" + wire + " ";
    }

    public static Optional<StepRecords> fromWire(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire != null && r.wire.equals(wire)).findFirst();
    }
}
