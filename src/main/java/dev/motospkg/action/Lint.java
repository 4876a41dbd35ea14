package dev.motospkg.action;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import dev.motospkg.lint.Checks;
import dev.motospkg.lint.Finding;
import dev.motospkg.lint.LintInput;
import dev.motospkg.lint.Severity;
import dev.motospkg.values.ValuesRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code motospkg lint}: schema, render and domain checks. Invalid values or templates exit 2 (from the
 * pipeline); findings of severity ERROR exit 1; warnings are printed and pass unless {@code strict}.
 */
public final class Lint {

    public record Options(Path chart, ValuesRequest values, ReleaseTarget target, boolean strict) {
    }

    private final RenderPipeline pipeline;

    public Lint(RenderPipeline pipeline) {
        this.pipeline = pipeline;
    }

    public List<Finding> run(Options options, PrintWriter out) {
        LoadedChart loaded = pipeline.load(options.chart());
        Rendered rendered = pipeline.renderForTemplate(loaded, options.values(), options.target());
        boolean production = options.values().files().stream()
                .anyMatch(f -> f.getFileName().toString().toLowerCase().contains("prod"));
        List<Finding> findings = Checks.run(new LintInput(rendered.objects(), production));
        for (Finding f : findings) {
            out.println("[" + f.severity() + "] " + f.object() + " (" + f.source() + "): " + f.message());
            out.println("    hint: " + f.hint());
        }
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.size() - errors;
        out.println("linted " + loaded.chart().metadata().name() + ": " + rendered.objects().size() + " objects, "
                + errors + " errors, " + warnings + " warnings");
        out.flush();
        if (errors > 0 || (options.strict() && warnings > 0)) {
            throw new MotosException(ExitCode.FAILED, "lint found " + errors + " errors and " + warnings + " warnings",
                    "Fix the findings above" + (errors == 0 ? " or run without --strict." : "."));
        }
        return findings;
    }
}
