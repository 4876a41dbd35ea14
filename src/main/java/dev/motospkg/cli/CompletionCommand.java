package dev.motospkg.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code motospkg completion bash|zsh}, as {@code helm completion}: prints a script that completes
 * commands and flags. picocli generates one script for both shells; zsh runs it through bashcompinit,
 * which the script loads itself.
 */
@Command(name = "completion",
        description = "Print a shell completion script: source <(motospkg completion bash), or the same with zsh.")
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    @Mixin HelpOption help;
    private final App app;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    CompletionCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        // Main registers only the command that is run; the script needs all of them.
        CommandLine all = Main.commandLine(app);
        String script = AutoComplete.bash("motospkg", all);
        app.out().print(shell == Shell.zsh ? "#compdef motospkg\n" + script : script);
        app.out().flush();
        return 0;
    }
}
