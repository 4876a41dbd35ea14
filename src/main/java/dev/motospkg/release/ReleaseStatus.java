package dev.motospkg.release;

import java.util.Arrays;

/** A revision's status, spelled on the wire (labels, JSON, tables) as Helm spells it. */
public enum ReleaseStatus {
    PENDING_INSTALL("pending-install"),
    PENDING_UPGRADE("pending-upgrade"),
    PENDING_ROLLBACK("pending-rollback"),
    DEPLOYED("deployed"),
    SUPERSEDED("superseded"),
    FAILED("failed"),
    UNINSTALLING("uninstalling"),
    UNINSTALLED("uninstalled");

    private final String wire;

    ReleaseStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean isPending() {
        return this == PENDING_INSTALL || this == PENDING_UPGRADE || this == PENDING_ROLLBACK || this == UNINSTALLING;
    }

    public static ReleaseStatus fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown release status " + wire));
    }

    @Override
    public String toString() {
        return wire;
    }
}
