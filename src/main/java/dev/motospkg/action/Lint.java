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

    /** {@code history}: the release's revisions ({@code lint --history}), for the images they ran; empty: none. */
    public record Options(Path chart, ValuesRequest values, ReleaseTarget target, boolean strict,
            List<dev.motospkg.release.Release> history) {

        public Options(Path chart, ValuesRequest values, ReleaseTarget target, boolean strict) {
            this(chart, values, target, strict, List.of());
        }
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
        List<Finding> findings = Checks.run(new LintInput(rendered.objects(), production, ranAs(options.history())));
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

    /** Image reference to the distinct contents it ran as, oldest first: "sha256:1a2b3c4d5e6f (revision 2)". */
    static java.util.Map<String, List<String>> ranAs(List<dev.motospkg.release.Release> history) {
        java.util.Map<String, java.util.Map<String, Integer>> first = new java.util.LinkedHashMap<>();
        for (dev.motospkg.release.Release r : history) {
            if (r.images() == null) {
                continue;
            }
            for (var i : r.images()) {
                if (i.imageId() != null && !i.imageId().isEmpty()) {
                    first.computeIfAbsent(i.image(), k -> new java.util.LinkedHashMap<>())
                            .putIfAbsent(i.shortDigest(), r.revision());
                }
            }
        }
        java.util.Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        first.forEach((image, digests) -> out.put(image, digests.entrySet().stream()
                .map(e -> e.getKey() + " (revision " + e.getValue() + ")").toList()));
        return out;
    }
}
