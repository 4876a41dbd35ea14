package dev.motospkg.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KubeErrorsTest {

    @Test
    void theServersGoStructDiffIsLeftOutAndThePvcRuleSaidPlainly() {
        String server = "PersistentVolumeClaim \"media-pvc\" is invalid: spec: Forbidden: spec is immutable after"
                + " creation except resources.requests for bound claims\n  core.PersistentVolumeClaimSpec{\n"
                + "- \tAccessModes: []core.PersistentVolumeAccessMode{\"ReadWriteOnce\"},\n"
                + "+ \tAccessModes: []core.PersistentVolumeAccessMode{\"ReadWriteMany\"},\n  }\n";
        assertEquals("PersistentVolumeClaim \"media-pvc\" is invalid: its spec cannot change after creation, except a"
                + " larger storage request for a bound claim (access modes, storage class and volume are fixed)",
                KubeErrors.withoutGoStructs(server));
        assertEquals("Deployment.apps \"x\" is invalid: spec.replicas: Invalid value: -1",
                KubeErrors.withoutGoStructs("Deployment.apps \"x\" is invalid: spec.replicas: Invalid value: -1"));
    }
}
