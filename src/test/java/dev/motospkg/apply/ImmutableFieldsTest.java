package dev.motospkg.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.kube.ObjectKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImmutableFieldsTest {

    private static DesiredObject job(Map<String, Object> spec) {
        return new DesiredObject(new ObjectKey("batch/v1", "Job", "ns", "migrate"), "templates/job.yaml",
                Map.of("apiVersion", "batch/v1", "kind", "Job", "metadata", Map.of("name", "migrate"), "spec", spec));
    }

    private static Map<String, Object> liveJob() {
        Map<String, Object> generated = Map.of("matchLabels", Map.of("controller-uid", "1f2e-44"));
        return Map.of("apiVersion", "batch/v1", "kind", "Job", "metadata", Map.of("name", "migrate"),
                "spec", Map.of("selector", generated, "template", Map.of()));
    }

    @Test
    void aJobsServerGeneratedSelectorIsNotAChange() {
        assertEquals(List.of(), ImmutableFields.problems(job(Map.of("template", Map.of())), liveJob()));
    }

    @Test
    void aJobSelectorTheChartSetsStillCounts() {
        var manual = job(Map.of("manualSelector", true, "selector", Map.of("matchLabels", Map.of("app", "x"))));
        List<String> problems = ImmutableFields.problems(manual, liveJob()).stream().map(ImmutableFields.Problem::message).toList();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("Job/ns/migrate: spec.selector would change from"), problems.get(0));
    }

    @Test
    void aDeploymentSelectorChangeIsRefused() {
        var key = new ObjectKey("apps/v1", "Deployment", "ns", "web");
        var want = new DesiredObject(key, "t", Map.of("kind", "Deployment",
                "spec", Map.of("selector", Map.of("matchLabels", Map.of("app", "new")))));
        Map<String, Object> live = Map.of("kind", "Deployment",
                "spec", Map.of("selector", Map.of("matchLabels", Map.of("app", "old"))));
        assertTrue(ImmutableFields.problems(want, live).get(0).message().contains("does not allow changing a selector in place"));
    }
}
