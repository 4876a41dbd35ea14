package dev.motospkg.wait;

import dev.motospkg.error.MotosException;
import dev.motospkg.kube.Cluster;
import dev.motospkg.kube.ObjectKey;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Polls objects until all are ready or the timeout passes, printing one line per object each time
 * its state changes (no spinner: the output stays readable in CI logs and pipes).
 *
 * <pre>
 *   Deployment/backend: 0/1 available (waiting)
 *   Service/backend: ready (0s)
 *   Deployment/backend: ready (12s)
 * </pre>
 */
public final class Waiter {

    public static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private final LiveState liveState;
    private final Clock clock;
    private final Sleeper sleeper;
    private final PrintWriter progress;
    private final Duration pollInterval;

    public Waiter(Cluster cluster, Clock clock, Sleeper sleeper, PrintWriter progress) {
        this(cluster, clock, sleeper, progress, POLL_INTERVAL);
    }

    public Waiter(Cluster cluster, Clock clock, Sleeper sleeper, PrintWriter progress, Duration pollInterval) {
        this.liveState = new LiveState(cluster);
        this.clock = clock;
        this.sleeper = sleeper;
        this.progress = progress;
        this.pollInterval = pollInterval;
    }

    /** Returns when all objects are ready, or at the timeout with those that are not. */
    public WaitResult waitFor(List<ObjectKey> keys, Duration timeout) {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        Map<ObjectKey, ObjectState> last = new LinkedHashMap<>();
        boolean unanswered = false;
        while (true) {
            MotosException outage = null;
            for (ObjectKey key : keys) {
                ObjectState previous = last.get(key);
                if (previous != null && previous.ready()) {
                    continue; // ready once is enough: no more requests for it
                }
                ObjectState now;
                try {
                    now = liveState.observe(key);
                } catch (MotosException e) {
                    if (!e.isTemporary()) {
                        throw e;
                    }
                    // a restarting API server: the wait goes on until its own deadline
                    if (!unanswered) {
                        progress.println("  " + e.getMessage() + "; still waiting");
                        progress.flush();
                    }
                    unanswered = true;
                    outage = e;
                    break;
                }
                if (unanswered) {
                    progress.println("  the API server answers again");
                    unanswered = false;
                }
                if (previous == null || previous.ready() != now.ready() || !previous.summary().equals(now.summary())) {
                    String elapsed = formatElapsed(Duration.between(start, clock.instant()));
                    progress.println("  " + label(key) + ": "
                            + (now.ready() ? "ready (" + elapsed + ")" : now.summary() + (now.failed() ? " (" + elapsed + ")"
                            : " (waiting)")));
                    progress.flush();
                }
                last.put(key, now);
            }
            if (outage != null) {
                Instant now = clock.instant();
                if (!now.isBefore(deadline)) {
                    throw outage;
                }
                Duration left = Duration.between(now, deadline);
                sleeper.sleep(left.compareTo(pollInterval) < 0 ? left : pollInterval);
                continue;
            }
            List<WaitResult.NotReady> notReady = new ArrayList<>();
            last.forEach((key, state) -> {
                if (!state.ready()) {
                    notReady.add(new WaitResult.NotReady(key, state));
                }
            });
            Instant now = clock.instant();
            boolean failed = notReady.stream().anyMatch(n -> n.state().failed());
            if (notReady.isEmpty() || failed || !now.isBefore(deadline)) {
                List<WaitResult.NotReady> explained = notReady.stream()
                        .map(n -> new WaitResult.NotReady(n.key(), liveState.withCrashLogs(n.key(), n.state()))).toList();
                return new WaitResult(notReady.isEmpty(), Duration.between(start, now), explained);
            }
            Duration left = Duration.between(now, deadline);
            sleeper.sleep(left.compareTo(pollInterval) < 0 ? left : pollInterval);
        }
    }

    /** "Deployment/backend": the release's namespace is the same for all, so it is left out. */
    static String label(ObjectKey key) {
        return key.kind() + "/" + key.name();
    }

    /** "12s", "3m05s". */
    static String formatElapsed(Duration d) {
        long seconds = d.getSeconds();
        return seconds < 60 ? seconds + "s" : String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
}
