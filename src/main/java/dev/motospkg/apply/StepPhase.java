package dev.motospkg.apply;

import java.util.Arrays;
import java.util.Optional;

/** When a step runs: before or after the objects of an install, upgrade or rollback (Helm's hook names). */
public enum StepPhase {
    PRE_INSTALL("pre-install", "install", true),
    POST_INSTALL("post-install", "install", false),
    PRE_UPGRADE("pre-upgrade", "upgrade", true),
    POST_UPGRADE("post-upgrade", "upgrade", false),
    PRE_ROLLBACK("pre-rollback", "rollback", true),
    POST_ROLLBACK("post-rollback", "rollback", false);

    private final String wire;
    private final String verb;
    private final boolean before;

    StepPhase(String wire, String verb, boolean before) {
        this.wire = wire;
        this.verb = verb;
        this.before = before;
    }

    public String wire() {
        return wire;
    }

    /** True for pre-*: the step runs before the release's workloads are applied. */
    public boolean before() {
        return before;
    }

    /** The phase of {@code verb} (install, upgrade, rollback), before or after its objects. */
    public static StepPhase of(String verb, boolean before) {
        return Arrays.stream(values()).filter(p -> p.verb.equals(verb) && p.before == before).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step phase for " + verb));
    }

    public static Optional<StepPhase> fromWire(String wire) {
        return Arrays.stream(values()).filter(p -> p.wire.equals(wire)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
