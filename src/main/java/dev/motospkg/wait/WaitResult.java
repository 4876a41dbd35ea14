package dev.motospkg.wait;

import dev.motospkg.error.MotosException;
import dev.motospkg.kube.ObjectKey;
import java.time.Duration;
import java.util.List;

/**
 * What a wait ended with.
 *
 * @param notReady the objects still not ready at the end, in the order asked; empty on success
 */
public record WaitResult(boolean allReady, Duration elapsed, List<NotReady> notReady) {

    public WaitResult {
        notReady = List.copyOf(notReady);
    }

    /** One object that did not become ready, with its last observed state. */
    public record NotReady(ObjectKey key, ObjectState state) {
    }

    /**
     * The failure to throw when the wait timed out, e.g.
     * <pre>
     * timed out after 3s: 1 object not ready
     *   Deployment/backend: 0/1 available
     *     - Available=False MinimumReplicasUnavailable: Deployment does not have minimum availability.
     * </pre>
     */
    public MotosException toFailure() {
        boolean failed = notReady.stream().anyMatch(n -> n.state().failed());
        // a failed Job ends the wait before the timeout: saying "timed out" would send users to --timeout
        StringBuilder text = new StringBuilder(failed ? "stopped after " : "timed out after ")
                .append(Waiter.formatElapsed(elapsed)).append(": ")
                .append(notReady.size()).append(notReady.size() == 1 ? " object" : " objects").append(" not ready");
        for (NotReady item : notReady) {
            text.append("\n  ").append(Waiter.label(item.key())).append(": ").append(item.state().summary());
            for (String reason : item.state().reasons()) {
                text.append("\n    - ").append(reason);
            }
        }
        ObjectKey first = notReady.isEmpty() ? null : notReady.get(0).key();
        String hint = first == null ? null
                : "`kubectl describe " + first.kind().toLowerCase() + " " + first.name()
                        + (first.namespace() == null ? "" : " -n " + first.namespace())
                        + "` and `kubectl get events` tell more" + (failed ? "" : "; if it is only slow, raise --timeout");
        return MotosException.failed(text.toString(), hint);
    }
}
