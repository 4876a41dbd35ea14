package dev.motospkg.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import dev.motospkg.kube.ObjectKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StepsTest {

    private static DesiredObject object(String kind, String name, Map<String, String> annotations) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("annotations", new LinkedHashMap<>(annotations));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("metadata", metadata);
        return new DesiredObject(new ObjectKey(kind.equals("Job") ? "batch/v1" : "apps/v1", kind, "ns", name),
                "templates/" + name + ".yaml", body);
    }

    private static final DesiredObject POSTGRES = object("Deployment", "postgres", Map.of());

    @Test
    void aJobAnnotatedAsAStepIsTakenOutOfTheObjectsWithItsPhasesWeightAfterAndCleanup() {
        DesiredObject migrate = object("Job", "migrate", Map.of(Steps.STEP, "pre-install, pre-upgrade",
                Steps.WEIGHT, "-5", Steps.AFTER, "Deployment/postgres", Steps.CLEANUP, "delete-on-success"));
        DesiredObject plainJob = object("Job", "report", Map.of());
        Steps.Split split = Steps.split(List.of(POSTGRES, migrate, plainJob));

        assertEquals(List.of(POSTGRES, plainJob), split.objects(), "a Job without the annotation stays an object");
        Step step = split.steps().get(0);
        assertEquals(Set.of(StepPhase.PRE_INSTALL, StepPhase.PRE_UPGRADE), step.phases());
        assertEquals(-5, step.weight());
        assertEquals(List.of("Deployment/postgres"), step.after());
        assertEquals(StepCleanup.DELETE_ON_SUCCESS, step.cleanup());
        assertFalse(step.helm());
        assertEquals(List.of(step), split.in(StepPhase.PRE_UPGRADE));
        assertEquals(List.of(), split.in(StepPhase.PRE_ROLLBACK));
        assertEquals("migrate (Job, pre-upgrade, weight -5, after Deployment/postgres are ready)",
                step.describe(StepPhase.PRE_UPGRADE));
    }

    @Test
    void stepsRunByWeightThenName() {
        Steps.Split split = Steps.split(List.of(
                object("Job", "b", Map.of(Steps.STEP, "post-upgrade", Steps.WEIGHT, "1")),
                object("Job", "c", Map.of(Steps.STEP, "post-upgrade")),
                object("Job", "a", Map.of(Steps.STEP, "post-upgrade", Steps.WEIGHT, "1"))));
        assertEquals(List.of("c", "a", "b"), split.steps().stream().map(Step::name).toList());
    }

    @Test
    void helmHooksAreReadAsStepsWithTheirDeletePolicies() {
        Steps.Split split = Steps.split(List.of(
                object("Job", "db-init", Map.of(Steps.HELM_HOOK, "pre-install", Steps.HELM_WEIGHT, "3",
                        Steps.HELM_DELETE_POLICY, "before-hook-creation,hook-succeeded")),
                object("Job", "notify", Map.of(Steps.HELM_HOOK, "post-upgrade,post-rollback",
                        Steps.HELM_DELETE_POLICY, "hook-succeeded,hook-failed")),
                object("Job", "plain", Map.of(Steps.HELM_HOOK, "pre-upgrade"))));
        Map<String, Step> byName = new LinkedHashMap<>();
        split.steps().forEach(s -> byName.put(s.name(), s));
        assertTrue(split.objects().isEmpty(), "no hook is applied as a plain object");
        assertEquals(StepCleanup.DELETE_ON_SUCCESS, byName.get("db-init").cleanup());
        assertEquals(3, byName.get("db-init").weight());
        assertTrue(byName.get("db-init").helm());
        assertEquals(StepCleanup.DELETE_ALWAYS, byName.get("notify").cleanup());
        assertEquals(Set.of(StepPhase.POST_UPGRADE, StepPhase.POST_ROLLBACK), byName.get("notify").phases());
        assertEquals(StepCleanup.KEEP_LAST, byName.get("plain").cleanup());
        assertEquals("notify (Job, post-upgrade, from helm.sh/hook)", byName.get("notify").describe(StepPhase.POST_UPGRADE));
    }

    @Test
    void helmHooksMotospkgCannotRunAreRefusedNamingTheTemplate() {
        MotosException test = assertThrows(MotosException.class, () -> Steps.split(List.of(
                object("Job", "smoke", Map.of(Steps.HELM_HOOK, "test")))));
        assertEquals(ExitCode.INVALID_INPUT, test.exitCode());
        assertEquals("Job/ns/smoke (templates/smoke.yaml): helm.sh/hook test is not a phase motospkg runs"
                + " (Helm's test hooks are not supported)", test.getMessage());
        assertEquals("Use pre-install, post-install, pre-upgrade, post-upgrade, pre-rollback or post-rollback;"
                + " nothing was applied.", test.hint());

        MotosException configMap = assertThrows(MotosException.class, () -> Steps.split(List.of(
                object("ConfigMap", "settings", Map.of(Steps.HELM_HOOK, "pre-install")))));
        assertEquals("ConfigMap/ns/settings (templates/settings.yaml) is declared a step (helm.sh/hook: pre-install)"
                + " but is a ConfigMap; motospkg runs only Jobs as steps", configMap.getMessage());

        MotosException policy = assertThrows(MotosException.class, () -> Steps.split(List.of(
                object("Job", "x", Map.of(Steps.HELM_HOOK, "pre-install", Steps.HELM_DELETE_POLICY, "sometimes")))));
        assertTrue(policy.getMessage().endsWith("helm.sh/hook-delete-policy sometimes is unknown"), policy.getMessage());
    }

    @Test
    void aWrongStepDeclarationIsRefused() {
        assertEquals("Job/ns/m (templates/m.yaml): motospkg.dev/step-after names Deployment/postgress, which is not"
                + " an object of this chart (Kind/name, e.g. Deployment/postgres)",
                assertThrows(MotosException.class, () -> Steps.split(List.of(POSTGRES, object("Job", "m",
                        Map.of(Steps.STEP, "pre-upgrade", Steps.AFTER, "Deployment/postgress"))))).getMessage());
        assertEquals("Job/ns/m (templates/m.yaml): step weight soon is not a whole number",
                assertThrows(MotosException.class, () -> Steps.split(List.of(object("Job", "m",
                        Map.of(Steps.STEP, "pre-upgrade", Steps.WEIGHT, "soon"))))).getMessage());
        assertEquals("Job/ns/m (templates/m.yaml): motospkg.dev/step-cleanup never is not a cleanup policy",
                assertThrows(MotosException.class, () -> Steps.split(List.of(object("Job", "m",
                        Map.of(Steps.STEP, "pre-upgrade", Steps.CLEANUP, "never"))))).getMessage());
        assertEquals("Job/ns/m (templates/m.yaml): motospkg.dev/step names no phase",
                assertThrows(MotosException.class, () -> Steps.split(List.of(object("Job", "m",
                        Map.of(Steps.STEP, " , "))))).getMessage());
    }
}
