package dev.motospkg.action;

import dev.motospkg.kube.ObjectKey;
import java.time.Duration;
import java.util.List;

/** Waits until objects are ready (the {@code wait} package does it against a cluster; tests fake it). */
@FunctionalInterface
public interface ReadinessWait {

    /** Returns once all are ready; throws a MotosException naming what is not ready, and why, at the timeout. */
    void await(List<ObjectKey> keys, Duration timeout);
}
