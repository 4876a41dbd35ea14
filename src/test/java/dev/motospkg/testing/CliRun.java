package dev.motospkg.testing;

import dev.motospkg.cli.ActionContextFactory;
import dev.motospkg.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process with captured output. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(Path workDir, String... args) {
        return with(workDir, null, args);
    }

    /** With the cluster, store and locks from {@code contexts} (see {@link ActionFixture#cli}). */
    public static CliRun with(Path workDir, ActionContextFactory contexts, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), workDir, false, contexts, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** From the project root, where chart/, values/ and schema/ are. */
    public static CliRun inProject(String... args) {
        return of(Path.of("").toAbsolutePath(), args);
    }
}
