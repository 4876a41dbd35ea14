package dev.motospkg.action;

import java.time.Duration;

/** Durations as people write them: 5m, 90s, 1m30s. */
public final class Durations {
    private Durations() {
    }

    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        return s % 60 == 0 ? (s / 60) + "m" : (s / 60) + "m" + (s % 60) + "s";
    }
}
