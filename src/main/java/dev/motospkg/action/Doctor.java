package dev.motospkg.action;

import dev.motospkg.error.ExitCode;
import dev.motospkg.kube.Diagnosis;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code motospkg doctor}: the connection to the cluster checked step by step, one paragraph per
 * finding with its fix, so "kubeconfig misconfigured" becomes one named cause. Exit 0 when nothing
 * is a problem (warnings included), 1 otherwise.
 */
public final class Doctor {

    /** @param kubeconfig --kubeconfig or null; @param context --kube-context or null */
    public record Options(Path kubeconfig, String context) {
    }

    /** How a kubeconfig and context are diagnosed (the real one talks to the server). */
    @FunctionalInterface
    public interface Diagnose {
        Diagnosis diagnose(Path kubeconfig, String context);
    }

    private final Diagnose diagnose;
    private final PrintWriter out;

    public Doctor(Diagnose diagnose, PrintWriter out) {
        this.diagnose = diagnose;
        this.out = out;
    }

    public ExitCode run(Options options) {
        Diagnosis diagnosis = diagnose.diagnose(options.kubeconfig(), options.context());
        boolean first = true;
        for (Diagnosis.Finding f : diagnosis.findings()) {
            if (!first) {
                out.println();
            }
            first = false;
            out.println(paragraph(f));
        }
        out.println();
        long problems = diagnosis.findings().stream().filter(f -> f.verdict() == Diagnosis.Verdict.PROBLEM).count();
        long warnings = diagnosis.findings().stream().filter(f -> f.verdict() == Diagnosis.Verdict.WARNING).count();
        if (problems == 0) {
            out.println("Healthy: motospkg can work with " + diagnosis.target()
                    + (warnings == 0 ? "." : " (" + count(warnings, "warning") + " above)."));
        } else {
            out.println("Not healthy: " + count(problems, "problem") + (warnings == 0 ? "" : " and "
                    + count(warnings, "warning")) + "; the fix is in each paragraph marked PROBLEM.");
        }
        out.flush();
        return problems == 0 ? ExitCode.OK : ExitCode.FAILED;
    }

    /** "[ok] Server: https://... answers." / "[PROBLEM] TLS: ... Fix: ...". */
    static String paragraph(Diagnosis.Finding f) {
        String label = switch (f.verdict()) {
            case OK -> "[ok]";
            case WARNING -> "[warning]";
            case PROBLEM -> "[PROBLEM]";
        };
        // not capitalized: a finding may start with a URL or a name ("https://...", "kube-system")
        String text = f.topic() + ": " + f.text();
        return label + " " + text + (f.fix() == null ? "" : " Fix: " + f.fix());
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
