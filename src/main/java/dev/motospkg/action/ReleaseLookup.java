package dev.motospkg.action;

import dev.motospkg.error.MotosException;
import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import java.util.List;

/** "Not here" messages that say where it is: a wrong -n is the usual cause, so name the namespaces that have it. */
final class ReleaseLookup {
    private ReleaseLookup() {
    }

    /** Namespaces other than {@code ref}'s that hold a release of that name. */
    static List<String> elsewhere(ActionContext ctx, ReleaseRef ref) {
        return ctx.store().list(null).stream()
                .filter(r -> r.name().equals(ref.name()) && !r.namespace().equals(ref.namespace()))
                .map(Release::namespace).distinct().toList();
    }

    /** The hint for a release that is not in {@code ref}'s namespace, or {@code otherwise} when it is nowhere. */
    static String hint(ActionContext ctx, ReleaseRef ref, String otherwise) {
        List<String> others = elsewhere(ctx, ref);
        if (others.isEmpty()) {
            return otherwise;
        }
        return "A release " + ref.name() + " is in namespace " + String.join(", ", others) + ": add -n "
                + others.get(0) + ".";
    }

    static MotosException notFound(ActionContext ctx, ReleaseRef ref) {
        return MotosException.invalid("release " + ref.name() + " not found in namespace " + ref.namespace(),
                hint(ctx, ref, "See `motospkg list -A`; name the namespace with -n."));
    }

    static boolean uninstalled(History history) {
        return history.latest().map(r -> r.status() == ReleaseStatus.UNINSTALLED).orElse(false);
    }
}
