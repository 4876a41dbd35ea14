package dev.motospkg.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.motospkg.yaml.YamlCodec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The hand-written manifests of a team that deploys with {@code kubectl apply -f kubernetes/}
 * (src/test/resources/legacy-kubernetes: the seed's nine files, plain {@code app: X} labels and
 * selectors, the DB password as inline env), and what client-side {@code kubectl apply} writes
 * for them, reproduced without a kubectl binary: a create (or, for an object that exists, an
 * update) with field manager {@code kubectl-client-side-apply} and the
 * {@code kubectl.kubernetes.io/last-applied-configuration} annotation.
 */
public final class LegacyManifests {
    public static final Path DIR = Path.of("src/test/resources/legacy-kubernetes");
    /** The password the legacy Deployments carry inline. */
    public static final String PASSWORD = "Legacy-Db-Pa55word";
    public static final String CLIENT_SIDE_MANAGER = "kubectl-client-side-apply";
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private LegacyManifests() {
    }

    /** The manifests as text, file name order, with namespace motos-app and node port 30080 replaced. */
    public static Map<String, String> texts(String namespace, int nodePort) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                out.put(p.getFileName().toString(), Files.readString(p).replace("motos-app", namespace)
                        .replace("30080", Integer.toString(nodePort)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Writes them into {@code dir} (the team's kubernetes/ folder). */
    public static Path writeTo(Path dir, String namespace, int nodePort) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> e : texts(namespace, nodePort).entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
        return dir;
    }

    /** What `kubectl apply -f kubernetes/` (client-side) does to them, object by object. */
    public static void applyClientSide(KubernetesClient client, String namespace, int nodePort) {
        YamlCodec yaml = new YamlCodec();
        for (String text : texts(namespace, nodePort).values()) {
            for (Object doc : yaml.parseAll(text, "legacy")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) doc;
                applyClientSide(client, object);
            }
        }
    }

    /** What client-side `kubectl apply` does to one object. */
    @SuppressWarnings("unchecked")
    public static void applyClientSide(KubernetesClient client, Map<String, Object> object) {
        ObjectMapper json = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
        // kubectl records the file's object, its own annotation left out (an empty map remains)
        metadata.putIfAbsent("annotations", new LinkedHashMap<>());
        String lastApplied;
        try {
            lastApplied = json.writeValueAsString(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ((Map<String, Object>) metadata.get("annotations")).put(LAST_APPLIED, lastApplied + "\n");
        String path = path(object);
        String query = "?fieldManager=" + CLIENT_SIDE_MANAGER;
        String existing;
        try {
            existing = client.raw(path, "GET", null);
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            existing = null;
        }
        try {
            if (existing == null) {
                client.raw(collection(path) + query, "POST", object);
            } else {
                // the object exists (the Namespace): kubectl patches it; a PUT records the same manager
                Map<String, Object> live = json.readValue(existing, Map.class);
                Map<String, Object> liveMeta = (Map<String, Object>) live.get("metadata");
                ((Map<String, Object>) liveMeta.computeIfAbsent("annotations", k -> new LinkedHashMap<>()))
                        .putAll((Map<String, Object>) metadata.get("annotations"));
                if (metadata.get("labels") instanceof Map<?, ?> labels) {
                    ((Map<String, Object>) liveMeta.computeIfAbsent("labels", k -> new LinkedHashMap<>()))
                            .putAll((Map<String, Object>) labels);
                }
                client.raw(path + query, "PUT", live);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(Map<String, Object> object) {
        String apiVersion = (String) object.get("apiVersion");
        String kind = (String) object.get("kind");
        Map<?, ?> metadata = (Map<?, ?>) object.get("metadata");
        String base = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
        String plural = switch (kind) {
            case "Namespace" -> "namespaces";
            case "PersistentVolumeClaim" -> "persistentvolumeclaims";
            case "Service" -> "services";
            case "Deployment" -> "deployments";
            case "Secret" -> "secrets";
            default -> throw new IllegalArgumentException("no path for kind " + kind);
        };
        String ns = kind.equals("Namespace") ? "" : "/namespaces/" + metadata.get("namespace");
        return base + ns + "/" + plural + "/" + metadata.get("name");
    }

    private static String collection(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    /** Managers of an object's managedFields, for assertions. */
    public static List<String> managers(Map<String, Object> object) {
        Object mf = ((Map<?, ?>) object.get("metadata")).get("managedFields");
        return mf instanceof List<?> l ? l.stream().map(e -> String.valueOf(((Map<?, ?>) e).get("manager"))).toList()
                : List.of();
    }
}
