package dev.motospkg.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientSideOwnershipTest {

    static Map<String, Object> entry(String manager, String operation, String apiVersion, Map<String, Object> fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("manager", manager);
        e.put("operation", operation);
        e.put("apiVersion", apiVersion);
        e.put("fieldsType", "FieldsV1");
        e.put("fieldsV1", fields);
        return e;
    }

    static final Map<String, Object> KUBECTL_FIELDS = Map.of(
            "f:metadata", Map.of("f:annotations", Map.of(".", Map.of(), "f:" + ClientSideOwnership.LAST_APPLIED, Map.of()),
                    "f:labels", Map.of(".", Map.of(), "f:app", Map.of())),
            "f:spec", Map.of("f:selector", Map.of(".", Map.of(), "f:app", Map.of()), "f:sessionAffinity", Map.of()));

    @Test
    void theClientSideEntryBecomesMotospkgsApplyEntryWhenThereIsNone() {
        Map<String, Object> status = entry("kube-controller-manager", "Update", "v1", Map.of("f:status", Map.of()));
        List<Map<String, Object>> out = ClientSideOwnership.takenOver(
                List.of(entry("kubectl-client-side-apply", "Update", "v1", KUBECTL_FIELDS), status), "motospkg");
        assertEquals(List.of(entry("motospkg", "Apply", "v1", KUBECTL_FIELDS), status), out);
    }

    @Test
    void bothClientSideManagersAreFoldedIntoAnExistingApplyEntry() {
        Map<String, Object> ours = Map.of("f:spec", Map.of("f:selector", Map.of("f:app.kubernetes.io/name", Map.of())));
        Map<String, Object> before = Map.of("f:spec", Map.of("f:type", Map.of()));
        List<Map<String, Object>> out = ClientSideOwnership.takenOver(List.of(
                entry("motospkg", "Apply", "v1", ours),
                entry("kubectl-client-side-apply", "Update", "v1", KUBECTL_FIELDS),
                entry("before-first-apply", "Update", "v1", before)), "motospkg");
        assertEquals(1, out.size(), out.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) out.get(0).get("fieldsV1")).get("f:spec");
        assertEquals(Map.of(".", Map.of(), "f:app", Map.of(), "f:app.kubernetes.io/name", Map.of()), spec.get("f:selector"));
        assertTrue(spec.containsKey("f:type") && spec.containsKey("f:sessionAffinity"), spec.toString());
        assertFalse(ClientSideOwnership.present(Map.of("metadata", Map.of("managedFields", out))));
    }

    @Test
    void thePreviewNullsWhatOnlyKubectlSetAndKeepsWhatOthersOwn() {
        Map<String, Object> live = new HashMap<>(Map.of(
                "metadata", Map.of("name", "frontend", "labels", Map.of("app", "frontend"),
                        "annotations", Map.of(ClientSideOwnership.LAST_APPLIED, "{}", "other/note", "x"),
                        "managedFields", List.of(entry("kubectl-client-side-apply", "Update", "v1", KUBECTL_FIELDS),
                                entry("kubectl-annotate", "Update", "v1", Map.of("f:metadata",
                                        Map.of("f:annotations", Map.of("f:other/note", Map.of())))))),
                "spec", Map.of("selector", Map.of("app", "frontend"), "sessionAffinity", "None", "clusterIP", "10.0.0.1")));
        Map<String, Object> desired = Map.of("metadata", Map.of("name", "frontend", "labels", Map.of("tier", "web")),
                "spec", Map.of("selector", Map.of("tier", "web")));
        Map<String, Object> patch = ClientSideOwnership.previewPatch(live, desired, "motospkg");
        Map<String, Object> labels = new HashMap<>();
        labels.put("tier", "web");
        labels.put("app", null);
        Map<String, Object> annotations = new HashMap<>();
        annotations.put(ClientSideOwnership.LAST_APPLIED, null);
        Map<String, Object> selector = new HashMap<>(labels);
        Map<String, Object> spec = new HashMap<>();
        spec.put("selector", selector);
        spec.put("sessionAffinity", null); // defaulted again by the server
        assertEquals(Map.of("metadata", Map.of("name", "frontend", "labels", labels, "annotations", annotations),
                "spec", spec), patch);
    }

    @Test
    void removedStructsAreNulledInsideNamedListsOnly() {
        Map<String, Object> probe = Map.of("tcpSocket", Map.of("port", "http"));
        Map<String, Object> previous = pod(List.of(Map.of("name", "backend", "image", "b:1", "readinessProbe", probe)));
        Map<String, Object> desired = pod(List.of(Map.of("name", "backend", "image", "b:2")));
        Map<String, Object> live = pod(List.of(Map.of("name", "backend", "image", "b:1",
                "readinessProbe", Map.of("tcpSocket", Map.of("port", "http"), "failureThreshold", 3))));
        Map<String, Object> removal = RemovedStructs.patch("Deployment", previous, desired, live);
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("name", "backend");
        element.put("readinessProbe", null);
        assertEquals(pod(List.of(element)), removal);
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("name", "backend");
        both.put("image", "b:2");
        both.put("readinessProbe", null);
        assertEquals(pod(List.of(both)), RemovedStructs.withRemovals(desired, removal));
        assertEquals(Map.of(), RemovedStructs.patch("Widget", previous, desired, live), "no strategic merge for CRDs");
    }

    static Map<String, Object> pod(List<Map<String, Object>> containers) {
        return Map.of("spec", Map.of("template", Map.of("spec", Map.of("containers", new ArrayList<>(containers)))));
    }
}
