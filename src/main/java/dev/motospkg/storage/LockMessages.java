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
        String message = "release " + release + " is locked by " + holder
                + (operation == null || operation.isEmpty() ? "" : " (" + operation + ")")
                + (since == null ? "" : " since " + seconds(since));
        String hint = expiresAt == null
                ? "wait for it to finish"
                : "wait for it to finish; if that process is gone, the lock expires at " + seconds(expiresAt)
                        + " and the next command takes over";
        return MotosException.failed(message, hint);
    }

    static String seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
