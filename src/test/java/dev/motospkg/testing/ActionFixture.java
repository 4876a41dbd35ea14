package dev.motospkg.testing;

import dev.motospkg.action.ActionContext;
import dev.motospkg.error.MotosException;
import dev.motospkg.action.RenderPipeline;
import dev.motospkg.chart.ChartLoader;
import dev.motospkg.io.UserFiles;
import dev.motospkg.render.RenderLimits;
import dev.motospkg.render.TemplateEngine;
import dev.motospkg.resource.ManifestParser;
import dev.motospkg.storage.MemoryReleaseLocks;
import dev.motospkg.storage.MemoryReleaseStore;
import dev.motospkg.values.SetParser;
import dev.motospkg.values.ValuesAssembler;
import dev.motospkg.yaml.YamlCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Real render path, in-memory store and locks, fake cluster and waiter: the action-test tier. */
public final class ActionFixture {
    public final FakeCluster cluster = new FakeCluster();
    public final MemoryReleaseStore store = new MemoryReleaseStore();
    public final TestClock clock = new TestClock(Instant.parse("2026-11-25T12:00:00Z"));
    public final MemoryReleaseLocks locks = new MemoryReleaseLocks(clock);
    public final StringWriter output = new StringWriter();
    /**
     * What the fake waiter throws at its timeout; set it to simulate a Deployment that never becomes
     * ready. It fails the waits that include Deployment/backend (the release's wait, not a step's).
     */
    public MotosException waitFailure;
    /** Per "Kind/name": a wait that includes it throws this (a step's Job that fails: "Job/migrate"). */
    public final Map<String, MotosException> failingWaits = new HashMap<>();
    /** Every wait, as the "Kind/name" list it waited for, in order. */
    public final List<List<String>> waits = new ArrayList<>();
    /** How many waits fail with {@link #waitFailure} before waits succeed again (an atomic rollback's wait). */
    public int waitFailures = Integer.MAX_VALUE;
    public final ActionContext ctx;

    public ActionFixture(Path workDir) {
        YamlCodec yaml = new YamlCodec();
        RenderPipeline pipeline = new RenderPipeline(workDir, new ChartLoader(yaml),
                new ValuesAssembler(yaml, new SetParser(), UserFiles::read),
                new TemplateEngine(yaml, RenderLimits.defaults()), new ManifestParser(yaml));
        ctx = context(pipeline, new PrintWriter(output, true));
        // what the chart's backup step logs when it has written its file (the fake runs no pod)
        cluster.put(Map.of("apiVersion", "v1", "kind", "Pod", "metadata", Map.of("name", "backup-fake",
                "namespace", "motos-app", "labels", Map.of("job-name", "backup")),
                "spec", Map.of("containers", List.of(Map.of("name", "backup")))));
        cluster.log("backup-fake", "backup", BACKUP_LOG);
        cluster.put(Map.of("apiVersion", "v1", "kind", "Pod", "metadata", Map.of("name", "backup-media-fake",
                "namespace", "motos-app", "labels", Map.of("job-name", "backup-media")),
                "spec", Map.of("containers", List.of(Map.of("name", "backup-media")))));
        cluster.log("backup-media-fake", "backup-media", MEDIA_BACKUP_LOG);
        cluster.put(Map.of("apiVersion", "v1", "kind", "Pod", "metadata", Map.of("name", "schema-check-fake",
                "namespace", "motos-app", "labels", Map.of("job-name", "schema-check")),
                "spec", Map.of("containers", List.of(Map.of("name", "schema-check")))));
        schemaAhead("");
    }

    /** What the schema-check step reports: the migrations the database has that the rollback's code does not know. */
    public void schemaAhead(String migrations) {
        cluster.log("schema-check-fake", "schema-check", "motospkg-schema ahead=" + migrations);
    }

    /** The media backup step's log in the fake cluster. */
    public static final String MEDIA_BACKUP_LOG = "motospkg-backup name=motos-media-20261125T120001Z.tar.gz size=512"
            + " sha256=ab12";

    /** The backup step's log in the fake cluster: {@code motospkg-backup} line last. */
    public static final String BACKUP_LOG = "pg_dump: dumping contents of table \"public.visits_visit\"\n"
            + "motospkg-backup name=motos-20261125T120000Z.dump size=2048 sha256=9f86d081884c7d65";

    /** This fixture's store, cluster, locks and waiter behind another pipeline and writer (the CLI's). */
    public ActionContext context(RenderPipeline pipeline, PrintWriter out) {
        return new ActionContext(pipeline, new ManifestParser(new YamlCodec()), cluster, store, locks,
                (keys, timeout) -> {
                    List<String> names = keys.stream().map(k -> k.kind() + "/" + k.name()).toList();
                    waits.add(names);
                    for (String name : names) {
                        if (failingWaits.containsKey(name)) {
                            throw failingWaits.get(name);
                        }
                    }
                    if (waitFailure != null && waitFailures > 0 && names.contains("Deployment/backend")) {
                        waitFailures--;
                        throw waitFailure;
                    }
                }, clock, out);
    }

    /** Runs the CLI from {@code workDir} on this fixture's store and fake cluster instead of a kubeconfig's. */
    public CliRun cli(Path workDir, String... args) {
        return CliRun.with(workDir, (kubeconfig, kubeContext, pipeline, out) -> context(pipeline, out), args);
    }

    /** {@link #cli(Path, String...)} from the project root. */
    public CliRun cli(String... args) {
        return cli(Path.of("").toAbsolutePath(), args);
    }

    /** {@link #cli(String...)} that must exit 0 (the failure shows both streams). */
    public CliRun ok(String... args) {
        CliRun run = cli(args);
        org.junit.jupiter.api.Assertions.assertEquals(0, run.exitCode(), run.out() + run.err());
        return run;
    }

    public static ActionFixture inProject() {
        return new ActionFixture(Path.of("").toAbsolutePath());
    }
}
