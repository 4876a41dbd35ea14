package dev.motospkg.action;

import dev.motospkg.diff.DiffPrinter;
import dev.motospkg.diff.Redaction;
import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import dev.motospkg.release.Release;
import dev.motospkg.schema.ValuesSchema;
import dev.motospkg.yaml.Trees;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code motospkg diff}: what install, upgrade or rollback would change in the live cluster, or
 * (with no subcommand) what drifted since the deployed revision was applied. Reads and server
 * dry-runs only: no lock, no write.
 */
public final class Diff {

    /** {@code exitCode}: return 3 when there are changes (kapp/helm-diff's --detailed-exitcode). */
    public record Options(DiffPrinter.Style style, boolean json, boolean showSecrets, boolean exitCode,
            Optional<LoadedChart> chart) {
    }

    private final ActionContext ctx;

    public Diff(ActionContext ctx) {
        this.ctx = ctx;
    }

    public ExitCode install(Install.Options command, Options options) {
        return show(new Install(ctx).request(command), options, null);
    }

    public ExitCode upgrade(Upgrade.Options command, Options options) {
        return show(new Upgrade(ctx).request(command), options, null);
    }

    public ExitCode rollback(Rollback.Options command, Options options) {
        return show(new Rollback(ctx).request(command), options, null);
    }

    /** Drift: re-planning the deployed revision itself shows every change made outside motospkg. */
    public ExitCode drift(ReleaseRef ref, Options options) {
        ChangeRequest request = new ChangeRequest(ReleaseOperation.ROLLBACK, ref, Takeover.none(), (history, current) -> {
            if (current == null) {
                throw ReleaseLookup.notFound(ctx, ref);
            }
            return new ChangeTarget(current.chart(), current.values(), current.manifest(),
                    new Deployer(ctx).desired(current), "drift");
        });
        return show(request, options, "Drift: changes made in the cluster since revision %d was applied "
                + "(- is live, + is what motospkg applied; an upgrade or rollback puts it back):");
    }

    private ExitCode show(ChangeRequest request, Options options, String title) {
        ReleaseChange change = new ReleaseChange(ctx, Integer.MAX_VALUE);
        History history = change.history(request.release());
        ReleaseChange.Prepared prepared = change.prepare(request, history);
        Plan plan = prepared.plan();
        Redaction redaction = new Redaction(sensitiveValues(options.chart(), prepared), options.showSecrets());
        DiffPrinter printer = new DiffPrinter(new dev.motospkg.yaml.YamlCodec());
        if (options.json()) {
            printer.printJson(plan.changes(), plan.refused(), plan.problems(), title == null
                    ? StepList.rows(plan.steps(), request.operation().verb) : List.of(), redaction, ctx.out());
        } else {
            if (title != null) {
                ctx.out().println(String.format(title, prepared.current().revision()));
            }
            printer.print(plan.changes(), plan.refused(), redaction, options.style(), ctx.out());
            if (title == null) {
                StepList.print(ctx.out(), plan.steps(), request.operation().verb);
            }
            plan.notes().forEach(n -> ctx.out().println("note: " + n));
        }
        ctx.out().flush();
        if (!plan.problems().isEmpty()) {
            // the command previewed would fail, so the preview does too: exit 1, not "changes found"
            List<String> problems = plan.problems().stream().map(redaction::scrub).toList();
            throw MotosException.failed(request.operation().verb + " would be refused before changing anything ("
                    + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n  "
                    + String.join("\n  ", problems), "The diff above is the rest of the plan; fix the problems"
                            + " listed, then `motospkg diff " + request.operation().verb + "` again.");
        }
        return options.exitCode() && plan.writes() ? ExitCode.CHANGES_FOUND : ExitCode.OK;
    }

    /** Every value the schema marks sensitive, from the new and the deployed revision, to hide wherever it shows. */
    private static Set<String> sensitiveValues(Optional<LoadedChart> chart, ReleaseChange.Prepared prepared) {
        Set<String> out = new HashSet<>();
        Optional<ValuesSchema> schema = chart.flatMap(LoadedChart::schema);
        if (schema.isEmpty()) {
            return out;
        }
        collect(schema.get(), chart.get().chart().defaults(), out);
        collect(schema.get(), prepared.next().userValues(), out);
        Release current = prepared.current();
        if (current != null) {
            collect(schema.get(), current.values(), out);
        }
        return out;
    }

    static void collect(ValuesSchema schema, Map<String, Object> values, Set<String> out) {
        for (List<Object> path : schema.sensitivePaths(values)) {
            Object v = Trees.at(values, path);
            if (v != null) {
                out.add(v.toString());
            }
        }
    }
}
