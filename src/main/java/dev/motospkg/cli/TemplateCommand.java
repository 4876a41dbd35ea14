package dev.motospkg.cli;

import dev.motospkg.action.Template;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "template",
        description = "Render the chart locally (no cluster): print the manifests, or write one file per template.")
final class TemplateCommand implements Callable<Integer> {
    @Mixin HelpOption help;
    private final App app;

    @Mixin
    RenderArgs args;

    @Option(names = "--output-dir", paramLabel = "DIR",
            description = "Write one file per template into DIR (same names), ready for `kubectl apply -f DIR`.")
    Path outputDir;

    TemplateCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        args.checkVersion(app);
        app.template().run(new Template.Options(args.chartDir(), args.request(), args.target(), outputDir), app.out());
        return 0;
    }
}
