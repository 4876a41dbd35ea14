package dev.motospkg.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.resource.KubeObject;
import dev.motospkg.yaml.YamlCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ChecksTest {
    private final YamlCodec yaml = new YamlCodec();

    private List<KubeObject> objects(String text) {
        List<KubeObject> out = new ArrayList<>();
        for (Object doc : yaml.parseAll(text, "test")) {
            if (doc == null) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) doc;
            out.add(new KubeObject("templates/test.yaml", body));
        }
        return out;
    }

    private static String deployment(String name, int replicas, String image, String claim, String strategy) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s}
                spec:
                  replicas: %d
                  strategy: {type: %s}
                  template:
                    spec:
                      containers:
                      - name: app
                        image: %s
                        ports: [{containerPort: 80, protocol: TCP}]
                        resources: {requests: {cpu: 100m, memory: 64Mi}}
                      volumes:
                      - name: data
                        persistentVolumeClaim: {claimName: %s}
                ---
                """.formatted(name, replicas, strategy, image, claim);
    }

    private static final String RWO_PVC = """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: media}
            spec: {accessModes: [ReadWriteOnce]}
            ---
            """;

    private List<Finding> check(Function<LintInput, List<Finding>> check, String text, boolean prod) {
        return check.apply(new LintInput(objects(text), prod));
    }

    @Test
    void mutableAndMissingTags() {
        assertEquals(1, check(Checks::mutableTags, deployment("a", 1, "motos-backend:latest", "x", "Recreate"), false).size());
        assertEquals(1, check(Checks::mutableTags, deployment("a", 1, "motos-backend", "x", "Recreate"), false).size());
        assertEquals(1, check(Checks::mutableTags, deployment("a", 1, "registry:5000/motos", "x", "Recreate"), false).size());
        assertEquals(0, check(Checks::mutableTags, deployment("a", 1, "registry:5000/motos:v1", "x", "Recreate"), false).size());
        assertEquals(0, check(Checks::mutableTags, deployment("a", 1, "motos@sha256:abcd", "x", "Recreate"), false).size());
    }

    @Test
    void rwoVolumeSharedByScaledDeployments() {
        String shared = RWO_PVC + deployment("backend", 2, "b:v1", "media", "RollingUpdate")
                + deployment("frontend", 1, "f:v1", "media", "RollingUpdate");
        List<Finding> findings = check(Checks::sharedSingleNodeVolume, shared, false);
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().contains("backend (2 replicas)"), findings.get(0).message());
        String single = RWO_PVC + deployment("backend", 1, "b:v1", "media", "RollingUpdate")
                + deployment("frontend", 1, "f:v1", "media", "RollingUpdate");
        assertEquals(0, check(Checks::sharedSingleNodeVolume, single, false).size());
        String rwx = RWO_PVC.replace("ReadWriteOnce", "ReadWriteMany") + deployment("backend", 3, "b:v1", "media", "RollingUpdate");
        assertEquals(0, check(Checks::sharedSingleNodeVolume, rwx, false).size());
    }

    @Test
    void databaseWithOwnRwoVolumeShouldRecreate() {
        assertEquals(1, check(Checks::recreateForExclusiveVolume,
                RWO_PVC + deployment("postgres", 1, "postgres:16", "media", "RollingUpdate"), false).size());
        assertEquals(0, check(Checks::recreateForExclusiveVolume,
                RWO_PVC + deployment("postgres", 1, "postgres:16", "media", "Recreate"), false).size());
    }

    @Test
    void portsWithoutProtocol() {
        String svc = """
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec: {ports: [{port: 80}, {port: 81, protocol: TCP}]}
                """;
        List<Finding> findings = check(Checks::portsWithoutProtocol, svc, false);
        assertEquals(1, findings.size());
        assertTrue(findings.get(0).message().contains("port 80"));
        String noProtoContainer = deployment("a", 1, "a:v1", "x", "Recreate").replace(", protocol: TCP", "");
        assertEquals(1, check(Checks::portsWithoutProtocol, noProtoContainer, false).size());
    }

    @Test
    void productionNeedsRequests() {
        String without = deployment("a", 1, "a:v1", "x", "Recreate").replace(
                "resources: {requests: {cpu: 100m, memory: 64Mi}}", "resources: {}");
        assertEquals(1, check(Checks::productionRequests, without, true).size());
        assertEquals(0, check(Checks::productionRequests, without, false).size());
        assertEquals(Severity.WARNING, check(Checks::productionRequests, without, true).get(0).severity());
    }
}
