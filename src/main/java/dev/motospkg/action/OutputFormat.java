package dev.motospkg.action;

import dev.motospkg.yaml.JsonPrinter;
import dev.motospkg.yaml.YamlCodec;
import java.io.PrintWriter;
import java.util.List;

/** {@code -o table|json|yaml} for listings. */
public enum OutputFormat {
    TABLE,
    JSON,
    YAML;

    /** Prints rows (maps with the same keys) in this format; table columns in key order. */
    public void print(PrintWriter out, List<? extends java.util.Map<String, Object>> rows) {
        switch (this) {
            case JSON -> out.print(JsonPrinter.print(rows));
            case YAML -> out.print(new YamlCodec().print(rows));
            case TABLE -> Table.print(out, rows);
        }
        out.flush();
    }
}
