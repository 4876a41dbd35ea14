package dev.motospkg.action;

import dev.motospkg.kube.ObjectKey;
import java.time.Duration;
import java.util.List;

/** Waits until objects are ready (the {@code wait} package does it against a cluster; tests fake it). */
@FunctionalInterface
public interface ReadinessWait {

    Outcome await(List<ObjectKey> keys, Duration timeout);

    /** {@code notReady}: one line per object that was not ready at the timeout, with why. */
    record Outcome(boolean ready, List<String> notReady) {
    }
}
