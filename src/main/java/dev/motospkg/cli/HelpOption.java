package dev.motospkg.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} for every command. Not picocli's standard mixin: its {@code --version} on a
 * command is Helm's chart-version flag to users, and printing nothing for it (exit 0) let a CI job
 * ported from Helm pass without deploying. Only {@code motospkg --version} prints the version.
 */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
