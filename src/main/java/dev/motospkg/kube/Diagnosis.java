package dev.motospkg.kube;

import java.util.List;

/**
 * What {@code motospkg doctor} found about the connection to a cluster: one finding per topic, in the
 * order they were checked (files, context, credentials, server, identity). Healthy when none is a problem.
 */
public record Diagnosis(String target, List<Finding> findings) {

    public enum Verdict { OK, WARNING, PROBLEM }

    /**
     * One paragraph: {@code text} says what was found, {@code fix} (null when nothing is wrong) what
     * to do about it.
     */
    public record Finding(Verdict verdict, String topic, String text, String fix) {
        static Finding ok(String topic, String text) {
            return new Finding(Verdict.OK, topic, text, null);
        }

        static Finding warning(String topic, String text, String fix) {
            return new Finding(Verdict.WARNING, topic, text, fix);
        }

        static Finding problem(String topic, String text, String fix) {
            return new Finding(Verdict.PROBLEM, topic, text, fix);
        }
    }

    public boolean healthy() {
        return findings.stream().noneMatch(f -> f.verdict() == Verdict.PROBLEM);
    }
}
