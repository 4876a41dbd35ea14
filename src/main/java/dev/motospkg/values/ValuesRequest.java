package dev.motospkg.values;

import java.nio.file.Path;
import java.util.List;

/** What the user asked for on the command line: {@code -f} files in order, then set arguments in order. */
public record ValuesRequest(List<Path> files, List<SetArg> sets) {

    public ValuesRequest {
        files = List.copyOf(files);
        sets = List.copyOf(sets);
    }

    public static ValuesRequest none() {
        return new ValuesRequest(List.of(), List.of());
    }

    public boolean isEmpty() {
        return files.isEmpty() && sets.isEmpty();
    }
}
