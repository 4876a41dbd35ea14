package dev.motospkg.storage;

import dev.motospkg.error.MotosException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The "release is locked" error, worded the same for every {@link ReleaseLocks}. */
final class LockMessages {

    private LockMessages() {
    }

    /**
     * @param holder    who holds it, e.g. {@code build-7/pid-4121}
     * @param expiresAt when the lock counts as abandoned if not renewed; null when it never expires
     */
    static MotosException locked(String release, String holder, String operation, Instant since, Instant expiresAt) {
        return locked(release, holder, operation, since, expiresAt, false);
    }

    /**
     * @param holderGone the holder is a process of this host that no longer runs: the next command takes the
     *                   lock over at once, whatever its expiry says
     */
    static MotosException locked(String release, String holder, String operation, Instant since, Instant expiresAt,
            boolean holderGone) {
        String message = "release " + release + " is locked by " + holder
                + (operation == null || operation.isEmpty() ? "" : " (" + operation + ")")
                + (since == null ? "" : " since " + seconds(since));
        String hint = holderGone
                ? "that process is no longer running on this host; the next command takes the lock over at once"
                : expiresAt == null
                ? "wait for it to finish"
                : "wait for it to finish; if that process is gone, the lock expires at " + seconds(expiresAt)
                        + " and the next command takes over";
        return MotosException.failed(message, hint);
    }

    static String seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
