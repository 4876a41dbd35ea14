package dev.motospkg.cli;

import dev.motospkg.action.WaitOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** --wait, --timeout, --atomic. */
public final class WaitFlags {
    @Option(names = "--wait", description = "Wait until every object is ready (one line per state change).")
    boolean enabled;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long --wait waits: 90s, 5m, 1m30s (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--atomic", description = "On failure or timeout, put the last deployed revision back (implies --wait).")
    boolean atomic;

    WaitOptions options() {
        return new WaitOptions(enabled, timeout, atomic);
    }
}
