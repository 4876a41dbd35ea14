package dev.motospkg.action;

import dev.motospkg.error.MotosException;
import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import dev.motospkg.resource.Redactor;
import dev.motospkg.schema.ValuesSchema;
import dev.motospkg.yaml.YamlCodec;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read-only commands: history, list, get values, get manifest. Nothing here writes. */
public final class Inspect {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ActionContext ctx;

    public Inspect(ActionContext ctx) {
        this.ctx = ctx;
    }

    /** @param max how many of the newest revisions to show (oldest of them first, as Helm) */
    public void history(ReleaseRef ref, OutputFormat format, int max) {
        List<Release> revisions = ctx.store().history(ref.namespace(), ref.name());
        if (revisions.isEmpty()) {
            throw ReleaseLookup.notFound(ctx, ref);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Release r : revisions.subList(Math.max(0, revisions.size() - max), revisions.size())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("revision", r.revision());
            row.put("updated", TIME.format(r.lastDeployed()));
            row.put("status", r.status().wire());
            row.put("chart", r.chart().name() + "-" + r.chart().version());
            row.put("appVersion", r.chart().appVersion());
            row.put("description", r.description());
            if (revisions.stream().anyMatch(x -> x.images() != null && !x.images().isEmpty())) {
                row.put("images", r.images() == null || r.images().isEmpty() ? "-" : String.join(" ", r.images().stream()
                        .map(i -> i.container() + "=" + i.shortDigest()).toList()));
            }
            rows.add(row);
        }
        if (format == OutputFormat.TABLE) {
            ClusterTarget.warnIfElsewhere(ctx, revisions, ClusterTarget.current(ctx));
        }
        format.print(ctx.out(), rows);
    }

    /** {@code motospkg backups}: the backups the revisions record (database and media), oldest first. */
    public void backups(ReleaseRef ref, OutputFormat format) {
        List<Release> revisions = ctx.store().history(ref.namespace(), ref.name());
        if (revisions.isEmpty()) {
            throw ReleaseLookup.notFound(ctx, ref);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        // the column only when some backup was taken by `motospkg backup`
        boolean onDemand = revisions.stream().anyMatch(r -> r.backupList().stream().anyMatch(b -> b.onDemand()));
        for (Release r : revisions) {
            for (var b : r.backupList()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", b.name());
                row.put("step", b.step());
                row.put("size", b.size());
                row.put("sha256", b.sha256());
                row.put("takenBefore", b.onDemand() ? "-" : b.revision());
                if (onDemand) {
                    row.put("onDemandAt", b.onDemand() ? b.revision() : "-");
                }
                row.put("revisionStatus", r.status().wire());
                rows.add(row);
            }
        }
        if (rows.isEmpty() && format == OutputFormat.TABLE) {
            ctx.out().println("No backups of release " + ref.name() + " in namespace " + ref.namespace()
                    + ": one is taken before an upgrade or rollback that changes a PVC or the image of a workload"
                    + " that mounts one, and by `motospkg backup`.");
            ctx.out().flush();
            return;
        }
        format.print(ctx.out(), rows);
    }

    public void list(String namespace, OutputFormat format) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Release r : ctx.store().list(namespace)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", r.name());
            row.put("namespace", r.namespace());
            row.put("revision", r.revision());
            row.put("updated", TIME.format(r.lastDeployed()));
            row.put("status", r.status().wire());
            row.put("chart", r.chart().name() + "-" + r.chart().version());
            row.put("appVersion", r.chart().appVersion());
            rows.add(row);
        }
        if (rows.isEmpty() && format == OutputFormat.TABLE) {
            ctx.out().println("No releases" + (namespace == null ? "." : " in namespace " + namespace + "."));
            ctx.out().flush();
            return;
        }
        format.print(ctx.out(), rows);
    }

    /**
     * The values of a revision: those supplied, or with {@code all} those over the chart's defaults
     * (Helm's computed values). Sensitive ones (schema {@code writeOnly}) masked unless asked.
     *
     * @param chart the chart at hand: its schema masks, its defaults are the base of {@code all}
     * @return the revision shown
     */
    public Release values(ReleaseRef ref, Integer revision, Optional<LoadedChart> chart, boolean all,
            boolean showSecrets, OutputFormat format) {
        Release r = pick(ref, revision);
        if (all && chart.isEmpty()) {
            throw MotosException.invalid("get values --all needs the chart: a revision stores only the values"
                    + " supplied, the defaults are the chart's", "Run it where chart/ is, or give --chart DIR.");
        }
        Map<String, Object> shown = all ? ctx.pipeline().computed(chart.get(), r.values()) : r.values();
        Optional<ValuesSchema> schema = chart.flatMap(LoadedChart::schema);
        Map<String, Object> values = showSecrets || schema.isEmpty() ? shown : schema.get().mask(shown);
        if (format == OutputFormat.JSON) {
            ctx.out().print(dev.motospkg.yaml.JsonPrinter.print(values));
        } else {
            ctx.out().print(values.isEmpty() ? "{}\n" : new YamlCodec().print(values));
        }
        ctx.out().flush();
        return r;
    }

    public void manifest(ReleaseRef ref, Integer revision, boolean showSecrets) {
        Release r = pick(ref, revision);
        ctx.out().print(showSecrets ? r.manifest() : new Redactor(new YamlCodec()).redactManifest(r.manifest()));
        ctx.out().flush();
    }

    Release pick(ReleaseRef ref, Integer revision) {
        History history = new History(ref.namespace(), ref.name(), ctx.store().history(ref.namespace(), ref.name()));
        if (revision != null) {
            return history.revision(revision).orElseThrow(() -> MotosException.invalid(
                    "release " + ref.name() + " has no revision " + revision,
                    "See `motospkg history " + ref.name() + " -n " + ref.namespace() + "`."));
        }
        // an uninstalled release kept with --keep-history is shown as such, as `list -A` shows it
        return history.deployed().or(history::latest).orElseThrow(() -> ReleaseLookup.notFound(ctx, ref));
    }
}
