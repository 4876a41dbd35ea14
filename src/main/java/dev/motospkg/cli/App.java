package dev.motospkg.cli;

import dev.motospkg.action.ActionContext;
import dev.motospkg.action.Doctor;
import dev.motospkg.action.LoadedChart;
import dev.motospkg.action.Lint;
import dev.motospkg.action.OutputFormat;
import dev.motospkg.action.ReadinessWait;
import dev.motospkg.action.ReleaseRef;
import dev.motospkg.action.ReleaseResolver;
import dev.motospkg.action.ReleaseTarget;
import dev.motospkg.action.RenderPipeline;
import dev.motospkg.action.Template;
import dev.motospkg.chart.ChartLoader;
import dev.motospkg.error.MotosException;
import dev.motospkg.io.UserFiles;
import dev.motospkg.kube.ConnectionDiagnosis;
import dev.motospkg.kube.Fabric8Cluster;
import dev.motospkg.kube.KubeConnection;
import dev.motospkg.kube.ReadAhead;
import dev.motospkg.release.Release;
import dev.motospkg.render.RenderLimits;
import dev.motospkg.render.TemplateEngine;
import dev.motospkg.resource.ManifestParser;
import dev.motospkg.storage.LeaseReleaseLocks;
import dev.motospkg.storage.SecretReleaseStore;
import dev.motospkg.values.SetParser;
import dev.motospkg.values.ValuesAssembler;
import dev.motospkg.wait.WaitResult;
import dev.motospkg.wait.Sleeper;
import dev.motospkg.wait.Waiter;
import dev.motospkg.yaml.YamlCodec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The composition root: the one place that builds the engine's parts and hands them to commands.
 * Parts are created on first use so a command only pays for what it needs (template never loads
 * the Kubernetes client).
 */
final class App implements AutoCloseable {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Path workDir;
    private final Clock clock = Clock.systemUTC();
    private RenderPipeline pipeline;
    private KubeConnection connection;
    private final boolean terminal;
    private final ActionContextFactory contexts;

    App(PrintWriter out, PrintWriter err, Path workDir, boolean terminal, ActionContextFactory contexts) {
        this.terminal = terminal;
        this.contexts = contexts != null ? contexts : this::connect;
        this.out = out;
        this.err = err;
        this.workDir = workDir;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    RenderPipeline pipeline() {
        if (pipeline == null) {
            YamlCodec yaml = new YamlCodec();
            pipeline = new RenderPipeline(workDir, new ChartLoader(yaml),
                    new ValuesAssembler(yaml, new SetParser(), UserFiles::read),
                    new TemplateEngine(yaml, RenderLimits.defaults()), new ManifestParser(yaml));
        }
        return pipeline;
    }

    Template template() {
        return new Template(pipeline());
    }

    Lint lint() {
        return new Lint(pipeline());
    }

    Doctor doctor() {
        return new Doctor(ConnectionDiagnosis.forThisUser(clock)::diagnose, out);
    }

    ActionContext actionContext(KubeOptions kube) {
        return contexts.create(kube.kubeconfig, kube.context, pipeline(), out);
    }

    /** The real parts: the cluster of the kubeconfig, Secrets for revisions, Leases for locks. */
    private ActionContext connect(Path kubeconfig, String kubeContext, RenderPipeline pipeline, PrintWriter out) {
        if (connection == null) {
            connection = new KubeConnection(kubeconfig, kubeContext);
        }
        // one per command: what one part's LIST learnt spares another part's GET
        ReadAhead readAhead = new ReadAhead();
        Fabric8Cluster cluster = new Fabric8Cluster(connection, readAhead);
        Waiter waiter = new Waiter(cluster, clock, Sleeper.threadSleep(), out);
        ReadinessWait wait = (keys, timeout) -> {
            WaitResult result = waiter.waitFor(keys, timeout);
            if (!result.allReady()) {
                throw result.toFailure();
            }
        };
        return new ActionContext(pipeline, new ManifestParser(new YamlCodec()), cluster,
                new SecretReleaseStore(connection.client(), readAhead),
                new LeaseReleaseLocks(connection.client(), readAhead, clock), wait,
                clock, out);
    }

    ReleaseRef resolve(String name, ReleaseOptions options) {
        return new ReleaseResolver(pipeline()).resolve(new ReleaseTarget(name, options.namespace), options.chart);
    }

    /** The release a chart renders for (lint, template): its name and namespace as given, else the chart's. */
    ReleaseRef resolve(ReleaseTarget target, java.nio.file.Path chart) {
        return new ReleaseResolver(pipeline()).resolve(target, chart);
    }

    /** The chart here, to mask sensitive values (its schema) and for its defaults; absent when there is none. */
    Optional<LoadedChart> chartIfPresent(Path chart) {
        try {
            return Optional.of(pipeline().load(chart));
        } catch (MotosException e) {
            return Optional.empty();
        }
    }

    /** A remark about how the command was given (not its result): on stderr, so it never mixes into output. */
    void note(String text) {
        err.println("Note: " + text);
        err.flush();
    }

    /** Colours only for a person at a terminal who has not asked for NO_COLOR. */
    boolean colorOutput() {
        return terminal && System.getenv("NO_COLOR") == null;
    }

    void printChangeSummary(Release release) {
        out.println();
        out.println("Release " + release.name() + " revision " + release.revision() + ": " + release.status().wire()
                + " (" + release.description() + ").");
        // Live state costs a request per object; it is one command away rather than on every change.
        out.println("Live state of each object and how to reach the frontend: motospkg status " + release.name()
                + " -n " + release.namespace());
        out.flush();
    }

    /** {@code -o VALUE} for a command that prints {@code allowed}: anything else is refused, never ignored. */
    static OutputFormat format(String value, OutputFormat... allowed) {
        List<OutputFormat> formats = List.of(allowed);
        String choices = String.join(" or ", formats.stream().map(f -> "-o " + f.flag()).toList());
        OutputFormat format;
        try {
            format = OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw MotosException.invalid("unknown output format \"" + value + "\"", "Use " + choices + ".");
        }
        if (!formats.contains(format)) {
            throw MotosException.invalid("this command has no " + format.flag() + " output", "Use " + choices + ".");
        }
        return format;
    }

    static OutputFormat listing(String value) {
        return format(value, OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.YAML);
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
