package dev.motospkg.apply;

import java.util.Arrays;
import java.util.Optional;

/** Whether a step runs every time its phase comes, only before a change that risks data, or only to restore data. */
public enum StepWhen {
    ALWAYS("always"),
    /** A PVC changes, or a workload that mounts one changes image (the database's, the backend's migrations). */
    RISKY("risky"),
    /**
     * Only in {@code rollback --restore-data}: it restores the backups motospkg names in its
     * {@code MOTOSPKG_BACKUPS} env, after the workloads of its step-stops are scaled to 0.
     */
    RESTORE("restore");

    private final String wire;

    StepWhen(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<StepWhen> fromWire(String wire) {
        return Arrays.stream(values()).filter(w -> w.wire.equals(wire)).findFirst();
    }
}
