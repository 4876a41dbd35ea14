package dev.motospkg.render;

import com.hubspot.jinjava.Jinjava;
import java.util.List;
import java.util.Map;

/**
 * Loads and initialises the template engine's classes on the second core while the caller parses
 * its arguments, loads the chart and validates the values: a cold JVM spends ~100 ms of CPU in
 * Jinjava's first construction and render (its filter library, EL parser, interpreter), and a
 * render that finds them initialised starts at once. Renders a constant text with Jinjava's
 * defaults, nobody sees it, and it keeps no state: only the JVM's loaded classes change.
 */
public final class WarmUp {
    private static final String TEXT = "{% for i in items %}{{ i | default('x') | upper }}{% endfor %}{{ n is defined }}";

    private WarmUp() {
    }

    /** On a daemon thread, so it never delays the process's exit. */
    public static void start() {
        Thread thread = new Thread(WarmUp::run, "motospkg-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return whether the throwaway render gave its expected text (false: nothing was warmed) */
    static boolean run() {
        try {
            return "Afalse".equals(new Jinjava().render(TEXT, Map.of("items", List.of("a"))));
        } catch (RuntimeException | LinkageError e) {
            return false; // only a warm-up: the real render reports whatever is wrong
        }
    }
}
