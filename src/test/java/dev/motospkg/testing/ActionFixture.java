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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Real render path, in-memory store and locks, fake cluster and waiter: the action-test tier. */
public final class ActionFixture {
    public final FakeCluster cluster = new FakeCluster();
    public final MemoryReleaseStore store = new MemoryReleaseStore();
    public final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    public final MemoryReleaseLocks locks = new MemoryReleaseLocks(clock);
    public final StringWriter output = new StringWriter();
    /** What the fake waiter throws at its timeout; set it to simulate a Deployment that never becomes ready. */
    public MotosException waitFailure;
    public final ActionContext ctx;

    public ActionFixture(Path workDir) {
        YamlCodec yaml = new YamlCodec();
        RenderPipeline pipeline = new RenderPipeline(workDir, new ChartLoader(yaml),
                new ValuesAssembler(yaml, new SetParser(), UserFiles::read),
                new TemplateEngine(yaml, RenderLimits.defaults()), new ManifestParser(yaml));
        ctx = new ActionContext(pipeline, new ManifestParser(yaml), cluster, store, locks,
                (keys, timeout) -> {
                    if (waitFailure != null) {
                        throw waitFailure;
                    }
                }, clock, new PrintWriter(output, true));
    }

    public static ActionFixture inProject() {
        return new ActionFixture(Path.of("").toAbsolutePath());
    }
}
