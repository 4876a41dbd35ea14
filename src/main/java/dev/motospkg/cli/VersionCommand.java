package dev.motospkg.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code motospkg version}, as {@code helm version}: the same line as {@code --version}; {@code --short} the number. */
@Command(name = "version", description = "Print motospkg's version (--short: the number only).")
final class VersionCommand implements Callable<Integer> {
    @Mixin HelpOption help;
    private final App app;

    @Option(names = "--short", description = "Only the version number.")
    boolean shortForm;

    VersionCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        String line = new Version().getVersion()[0];
        app.out().println(shortForm ? line.substring(line.indexOf(' ') + 1) : line);
        app.out().flush();
        return 0;
    }
}
