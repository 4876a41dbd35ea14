package dev.motospkg.action;

import dev.motospkg.yaml.JsonPrinter;
import dev.motospkg.yaml.YamlCodec;
import java.io.PrintWriter;
import java.util.List;

/** {@code -o} of every command; each command says which of these it prints. */
public enum OutputFormat {
    TABLE,
    JSON,
    YAML,
    /** {@code diff}'s unified diff. */
    DIFF;

    public String flag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Prints rows (maps with the same keys) in this format; table columns in key order. */
    public void print(PrintWriter out, List<? extends java.util.Map<String, Object>> rows) {
        switch (this) {
            case JSON -> out.print(JsonPrinter.print(rows));
            case YAML -> out.print(new YamlCodec().print(rows));
            case TABLE, DIFF -> Table.print(out, rows);
        }
        out.flush();
    }
}
