package dev.motospkg.wait;

import dev.motospkg.error.MotosException;
import java.time.Duration;

/** Pauses between polls; injected so tests run without real time passing. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration);

    /** The real thing: Thread.sleep. Ctrl-C style interruption becomes a failed operation. */
    static Sleeper threadSleep() {
        return duration -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw MotosException.failed("interrupted while waiting", null);
            }
        };
    }
}
