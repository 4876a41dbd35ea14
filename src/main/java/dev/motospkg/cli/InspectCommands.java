package dev.motospkg.cli;

import dev.motospkg.action.Inspect;
import dev.motospkg.action.OutputFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** history, backups, list, get values, get manifest: read-only views of release records. */
final class InspectCommands {
    private InspectCommands() {
    }

    @Command(name = "history", description = "Show a release's revisions.")
    static final class History implements Callable<Integer> {
        @Mixin HelpOption help;
        private final App app;
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME") String name;
        @Mixin ReleaseOptions release;
        @Mixin KubeOptions kube;
        @Mixin ListingOutput output;
        @Option(names = "--max", paramLabel = "N", defaultValue = "256", converter = NonNegativeInt.class,
                description = "Show only the newest N revisions (default: ${DEFAULT-VALUE}, as Helm).")
        int max;

        History(App app) {
            this.app = app;
        }

        @Override
        public Integer call() {
            if (max < 1) {
                throw dev.motospkg.error.MotosException.invalid("--max " + max + " would show no revision",
                        "Use --max 1 or more (--max 1: the newest revision only).");
            }
            var ref = app.resolve(name, release);
            new Inspect(app.actionContext(kube)).history(ref, output.format(), max);
            return 0;
        }
    }

    @Command(name = "backups", description = "List a release's backups (database and media): those taken before risky"
            + " changes and by `motospkg backup`.")
    static final class Backups implements Callable<Integer> {
        @Mixin HelpOption help;
        private final App app;
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME") String name;
        @Mixin ReleaseOptions release;
        @Mixin KubeOptions kube;
        @Mixin ListingOutput output;

        Backups(App app) {
            this.app = app;
        }

        @Override
        public Integer call() {
            var ref = app.resolve(name, release);
            new Inspect(app.actionContext(kube)).backups(ref, output.format());
            return 0;
        }
    }

    @Command(name = "list", aliases = "ls", description = "List releases.")
    static final class ListReleases implements Callable<Integer> {
        @Mixin HelpOption help;
        private final App app;
        @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Only this namespace.") String namespace;
        @Option(names = {"-A", "--all-namespaces"}, description = "All namespaces (the default when -n is not given).")
        boolean all;
        @Mixin KubeOptions kube;
        @Mixin ListingOutput output;

        ListReleases(App app) {
            this.app = app;
        }

        @Override
        public Integer call() {
            new Inspect(app.actionContext(kube)).list(all ? null : namespace, output.format());
            return 0;
        }
    }

    @Command(name = "get", description = "Show a release's values or manifest.",
            subcommands = {GetValues.class, GetManifest.class})
    static final class Get implements Callable<Integer> {
        @Mixin HelpOption help;
        @Override
        public Integer call() {
            throw dev.motospkg.error.MotosException.invalid("say what to get: `get values` or `get manifest`",
                    "e.g. motospkg get values motos -n motos-app");
        }
    }

    @Command(name = "values",
            description = "The values a revision was made with (sensitive values masked unless --show-secrets).")
    static final class GetValues implements Callable<Integer> {
        @Mixin HelpOption help;
        private final App app;
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME") String name;
        @Mixin ReleaseOptions release;
        @Mixin KubeOptions kube;
        @Option(names = "--revision", paramLabel = "N") Integer revision;
        @Option(names = "--show-secrets", description = "Show sensitive values in clear.") boolean showSecrets;
        @Option(names = {"-a", "--all"}, description = "All values: the chart's defaults with the supplied ones over"
                + " them (the defaults come from the chart at hand).") boolean all;
        @Option(names = {"-o", "--output"}, defaultValue = "yaml", description = "yaml or json.") String output;

        GetValues(App app) {
            this.app = app;
        }

        @Override
        public Integer call() {
            var ref = app.resolve(name, release);
            var format = App.format(output, OutputFormat.YAML, OutputFormat.JSON);
            var chart = app.chartIfPresent(release.chart);
            var shown = new Inspect(app.actionContext(kube)).values(ref, revision, chart, all, showSecrets, format);
            String version = chart.map(c -> c.chart().metadata().version()).orElse(null);
            if (all && !java.util.Objects.equals(version, shown.chart().version())) {
                app.note("the defaults shown are those of the chart here, version " + version + "; revision "
                        + shown.revision() + " was made with version " + shown.chart().version());
            }
            return 0;
        }
    }

    @Command(name = "manifest",
            description = "The manifest a revision applied (Secret contents hidden unless --show-secrets).")
    static final class GetManifest implements Callable<Integer> {
        @Mixin HelpOption help;
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME") String name;
        @Mixin ReleaseOptions release;
        @Mixin KubeOptions kube;
        @Option(names = "--revision", paramLabel = "N") Integer revision;
        @Option(names = "--show-secrets", description = "Show Secret contents in clear.") boolean showSecrets;
        private final App app;

        GetManifest(App app) {
            this.app = app;
        }

        @Override
        public Integer call() {
            var ref = app.resolve(name, release);
            new Inspect(app.actionContext(kube)).manifest(ref, revision, showSecrets);
            return 0;
        }
    }
}
