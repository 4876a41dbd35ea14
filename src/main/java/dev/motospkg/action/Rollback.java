package dev.motospkg.action;

import dev.motospkg.error.MotosException;
import dev.motospkg.release.Release;

/** {@code motospkg rollback}: a new revision with the manifest and values of an earlier one. */
public final class Rollback {

    /**
     * {@code revision}: the one to go back to; null means the one before the deployed revision.
     * {@code data}: backups before it, and what to do when the database is ahead of that revision.
     */
    public record Options(ReleaseRef release, Integer revision, WaitOptions waitOptions, int historyMax,
            DataOptions data) {

        public Options(ReleaseRef release, Integer revision, WaitOptions waitOptions, int historyMax) {
            this(release, revision, waitOptions, historyMax, DataOptions.defaults());
        }
    }

    private final ActionContext ctx;

    public Rollback(ActionContext ctx) {
        this.ctx = ctx;
    }

    public Release run(Options options) {
        ctx.cluster().readIdentityAhead(); // set-up and handshake overlap loading the chart
        return new ReleaseChange(ctx, options.historyMax()).run(request(options), options.waitOptions());
    }

    ChangeRequest request(Options options) {
        ReleaseRef ref = options.release();
        Deployer deployer = new Deployer(ctx);
        return new ChangeRequest(ReleaseOperation.ROLLBACK, ref, Takeover.none(), (history, current) -> {
            // after an uninstall with --keep-history (no deployed revision) the default is the uninstalled one
            int wanted = options.revision() != null ? options.revision()
                    : current != null ? current.revision() - 1 : history.latest().orElseThrow().revision();
            Release target = history.revision(wanted).orElseThrow(() -> MotosException.invalid(
                    "release " + ref.name() + " has no revision " + wanted
                            + (wanted < 1 ? " (revision 1 is the first)" : ""),
                    "See `motospkg history " + ref.name() + " -n " + ref.namespace() + "` for the revisions kept."));
            return new ChangeTarget(target.chart(), target.values(), target.manifest(), deployer.desired(target),
                    "Rollback to " + wanted, null, wanted);
        }, options.data());
    }
}
