package dev.motospkg.cli;

import dev.motospkg.action.OutputFormat;
import picocli.CommandLine.Option;

/** {@code -o table|json|yaml} of the commands that list (status, history, backups, list): one option, one check. */
final class ListingOutput {
    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table, json or yaml.")
    String output;

    OutputFormat format() {
        return App.listing(output);
    }
}
