package dev.motospkg.apply;

import java.util.Arrays;
import java.util.Optional;

/**
 * What happens to a step's finished Job. Every run first deletes the Job the last run left (a Job's
 * template cannot change in place), so at most one Job per step is ever kept.
 */
public enum StepCleanup {
    /** Kept until the next revision runs the step again: its log stays readable meanwhile. */
    KEEP_LAST("keep-last"),
    /** Deleted once it succeeded; a failed one is kept for its log. */
    DELETE_ON_SUCCESS("delete-on-success"),
    /** Deleted once it failed (after its last log lines are read); a succeeded one is kept. */
    DELETE_ON_FAILURE("delete-on-failure"),
    /** Deleted once finished, either way. */
    DELETE_ALWAYS("delete-always");

    private final String wire;

    StepCleanup(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean deletes(boolean succeeded) {
        return this == DELETE_ALWAYS || (succeeded ? this == DELETE_ON_SUCCESS : this == DELETE_ON_FAILURE);
    }

    public static Optional<StepCleanup> fromWire(String wire) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
