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

    @Option(names = {"-s", "--show-only"}, paramLabel = "TEMPLATE",
            description = "Only the manifests of this template (templates/00-namespace.yaml; a glob such as"
                    + " 'templates/*-service.yaml' too). Repeatable.")
    java.util.List<String> showOnly = new java.util.ArrayList<>();

    TemplateCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        args.checkVersion(app);
        app.template().run(new Template.Options(args.chartDir(), args.request(), args.target(), outputDir, showOnly), app.out());
        return 0;
    }
}
