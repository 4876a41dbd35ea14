package dev.motospkg.action;

import java.time.Duration;

/** {@code --wait}, {@code --timeout}, {@code --atomic} (atomic implies wait). */
public record WaitOptions(boolean enabled, Duration timeout, boolean atomic) {

    public static WaitOptions none() {
        return new WaitOptions(false, Duration.ofMinutes(5), false);
    }

    public boolean waits() {
        return enabled || atomic;
    }
}
