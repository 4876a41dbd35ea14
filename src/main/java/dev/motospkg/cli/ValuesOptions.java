package dev.motospkg.cli;

import dev.motospkg.values.SetArg;
import dev.motospkg.values.SetMode;
import dev.motospkg.values.ValuesRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -f} and the three {@code --set} flags; setters keep the sets in command-line order across flags. */
public final class ValuesOptions {
    private final List<Path> files = new ArrayList<>();
    private final List<SetArg> sets = new ArrayList<>();

    @Option(names = {"-f", "--values"}, paramLabel = "FILE",
            description = "Values file, layered over the chart defaults in the order given (repeatable).")
    void addFile(Path file) {
        files.add(file);
    }

    @Option(names = "--set", paramLabel = "KEY=VAL[,KEY=VAL]",
            description = "Set values (Helm syntax: a.b=c, a={x,y}, a[0].b=c, a=null deletes). Typed by the schema.")
    void addSet(String text) {
        sets.add(new SetArg(SetMode.SET, text));
    }

    @Option(names = "--set-string", paramLabel = "KEY=VAL", description = "Set values, always as strings.")
    void addSetString(String text) {
        sets.add(new SetArg(SetMode.STRING, text));
    }

    @Option(names = "--set-file", paramLabel = "KEY=PATH", description = "Set a value to the content of a file.")
    void addSetFile(String text) {
        sets.add(new SetArg(SetMode.FILE, text));
    }

    public ValuesRequest request() {
        return new ValuesRequest(files, sets);
    }
}
