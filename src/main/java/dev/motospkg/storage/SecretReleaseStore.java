package dev.motospkg.storage;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import dev.motospkg.kube.ReadAhead;
import dev.motospkg.release.Release;
import dev.motospkg.release.Supersession;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One Secret per revision in the release's namespace, as Helm stores releases:
 * {@code motospkg.release.v1.<name>.v<N>}, type {@code motospkg.dev/release.v1}, labels
 * {@code owner=motospkg, name, status, version}, and under key {@code release} the
 * {@link ReleaseCodec gzip-compressed JSON} of the release. The labels let history and list find
 * revisions without decoding every payload.
 */
public final class SecretReleaseStore implements ReleaseStore {

    public static final String TYPE = "motospkg.dev/release.v1";
    public static final String DATA_KEY = "release";
    /**
     * The API server refuses a Secret over 1 MiB (data, after base64, plus metadata); this leaves
     * room for the metadata. Checked before writing so the user gets a message, not a 413/422.
     */
    public static final int MAX_ENCODED_BYTES = 1_000_000;

    private static final String LABEL_OWNER = "owner";
    private static final String OWNER = "motospkg";

    private final KubernetesClient client;
    private final ReadAhead readAhead;
    private final ReleaseCodec codec = new ReleaseCodec();
    /**
     * Per release ("namespace/name"), its records as last listed and then written here: Secret name
     * to payload (base64), all that {@link #history} decodes. Absent when unknown.
     */
    private final Map<String, java.util.TreeMap<String, String>> known = new java.util.HashMap<>();

    public SecretReleaseStore(KubernetesClient client) {
        this(client, new ReadAhead());
    }

    /** @param readAhead learns the namespace's other Secrets from the history LIST (see {@link #history}) */
    public SecretReleaseStore(KubernetesClient client, ReadAhead readAhead) {
        this.client = Objects.requireNonNull(client, "client");
        this.readAhead = Objects.requireNonNull(readAhead, "readAhead");
    }

    public static String secretName(String name, int revision) {
        return "motospkg.release.v1." + name + ".v" + revision;
    }

    /**
     * One LIST of the namespace's Secrets but Helm's (whose records can be many and large), not only
     * of this release's records: the chart's own Secrets come with it, so reading them costs no
     * request more (see {@link ReadAhead}). In a namespace known not to exist there is nothing to read.
     */
    @Override
    public List<Release> history(String namespace, String name) {
        List<GenericKubernetesResource> secrets = readAhead.namespaceAbsent(namespace) ? List.of()
                : call(() -> client.genericKubernetesResources("v1", "Secret").inNamespace(namespace)
                        .withLabelNotIn(LABEL_OWNER, "helm").list().getItems(),
                "cannot read the history of release " + name + " in namespace " + namespace, namespace);
        List<Release> releases = new ArrayList<>();
        List<Map<String, Object>> others = new ArrayList<>();
        java.util.TreeMap<String, String> payloads = new java.util.TreeMap<>();
        for (GenericKubernetesResource item : secrets) {
            Map<String, String> labels = item.getMetadata().getLabels();
            if (labels != null && OWNER.equals(labels.get(LABEL_OWNER)) && name.equals(labels.get("name"))) {
                Secret secret = client.getKubernetesSerialization().convertValue(item, Secret.class);
                releases.add(decode(secret));
                payloads.put(secret.getMetadata().getName(), secret.getData().get(DATA_KEY));
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> tree = client.getKubernetesSerialization().convertValue(item, Map.class);
                others.add(tree);
            }
        }
        readAhead.learn("v1", "Secret", namespace, others, false);
        releases.sort(Comparator.comparingInt(Release::revision));
        synchronized (known) {
            known.put(namespace + "/" + name, payloads);
        }
        return Supersession.asRead(releases);
    }

    @Override
    public java.util.Optional<String> fingerprint(String namespace, String name) {
        synchronized (known) {
            java.util.TreeMap<String, String> payloads = known.get(namespace + "/" + name);
            return payloads == null ? java.util.Optional.empty() : java.util.Optional.of(digest(payloads));
        }
    }

    private static String digest(java.util.TreeMap<String, String> payloads) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            payloads.forEach((secret, data) -> {
                sha.update(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) '=');
                sha.update(data.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                sha.update((byte) '\n');
            });
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** After a write: its record's payload as stored now (null: deleted), or unknown when the write failed. */
    private void written(String namespace, String name, String secret, String payload, boolean succeeded) {
        synchronized (known) {
            java.util.TreeMap<String, String> payloads = known.get(namespace + "/" + name);
            if (payloads == null) {
                return;
            }
            if (!succeeded) {
                known.remove(namespace + "/" + name); // it may or may not have landed
            } else if (payload == null) {
                payloads.remove(secret);
            } else {
                payloads.put(secret, payload);
            }
        }
    }

    @Override
    public void create(Release release) {
        Secret secret = toSecret(release);
        boolean stored = false;
        try {
            client.secrets().inNamespace(release.namespace()).resource(secret).create();
            stored = true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw StoreErrors.alreadyExists(release);
            }
            throw failure("cannot store release " + release.label(), release.namespace(), e);
        } finally {
            written(release, secret, stored);
        }
    }

    private void written(Release release, Secret secret, boolean stored) {
        written(release.namespace(), release.name(), secret.getMetadata().getName(), secret.getData().get(DATA_KEY),
                stored);
    }

    @Override
    public void update(Release release) {
        Secret secret = toSecret(release);
        String context = "cannot update release " + release.label();
        // One merge patch (labels and payload) instead of GET + PUT: records change only under the
        // release's lock, and a missing record still fails (404) rather than being re-created.
        boolean stored = false;
        try {
            client.secrets().inNamespace(release.namespace()).withName(secret.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), secret);
            stored = true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw StoreErrors.notFound(release.namespace(), release.name(), release.revision());
            }
            throw failure(context, release.namespace(), e);
        } finally {
            written(release, secret, stored);
        }
    }

    @Override
    public void delete(String namespace, String name, int revision) {
        boolean deleted = false;
        try {
            call(() -> client.secrets().inNamespace(namespace).withName(secretName(name, revision)).delete(),
                    "cannot delete release " + name + ".v" + revision, namespace);
            deleted = true;
        } finally {
            written(namespace, name, secretName(name, revision), null, deleted);
        }
    }

    @Override
    public List<Release> list(String namespace) {
        List<Secret> secrets = call(() -> (namespace == null
                        ? client.secrets().inAnyNamespace().withLabel(LABEL_OWNER, OWNER)
                        : client.secrets().inNamespace(namespace).withLabel(LABEL_OWNER, OWNER)).list().getItems(),
                namespace == null ? "cannot list releases in all namespaces"
                        : "cannot list releases in namespace " + namespace, namespace);
        // pick the newest revision by label first, so only those payloads are decoded
        Map<List<String>, Secret> newest = new LinkedHashMap<>();
        for (Secret secret : secrets) {
            List<String> key = List.of(secret.getMetadata().getNamespace(), label(secret, "name"));
            newest.merge(key, secret, (a, b) -> version(a) >= version(b) ? a : b);
        }
        List<Release> releases = new ArrayList<>();
        for (Secret secret : newest.values()) {
            releases.add(decode(secret));
        }
        releases.sort(Comparator.comparing(Release::namespace).thenComparing(Release::name));
        return releases;
    }

    private Secret toSecret(Release release) {
        byte[] payload = codec.encode(release);
        long encoded = 4L * ((payload.length + 2) / 3);
        if (encoded > MAX_ENCODED_BYTES) {
            throw MotosException.failed(String.format(
                    "release %s is too large to store: %,d bytes after compression and base64, the limit is %,d",
                    release.label(), encoded, MAX_ENCODED_BYTES),
                    "a release is stored in one Secret, and Secrets hold at most 1 MiB; supply fewer or lighter"
                            + " values (no embedded files), or render fewer or smaller templates");
        }
        return new SecretBuilder()
                .withNewMetadata()
                .withName(secretName(release.name(), release.revision()))
                .withNamespace(release.namespace())
                .addToLabels(LABEL_OWNER, OWNER)
                .addToLabels("name", release.name())
                .addToLabels("status", release.status().wire())
                .addToLabels("version", Integer.toString(release.revision()))
                .endMetadata()
                .withType(TYPE)
                .addToData(DATA_KEY, Base64.getEncoder().encodeToString(payload))
                .build();
    }

    private Release decode(Secret secret) {
        String where = "Secret " + secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
        String data = secret.getData() == null ? null : secret.getData().get(DATA_KEY);
        if (data == null) {
            throw MotosException.failed(where + " has no '" + DATA_KEY + "' key",
                    "it carries the label owner=motospkg but was not written by motospkg; remove that label or"
                            + " the Secret");
        }
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw MotosException.failed(where + " is not valid base64: " + e.getMessage(),
                    "it was edited by hand; delete that revision if it is damaged");
        }
        return codec.decode(payload, where);
    }

    private static String label(Secret secret, String key) {
        Map<String, String> labels = secret.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }

    private static int version(Secret secret) {
        try {
            return Integer.parseInt(label(secret, "version"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private <T> T call(Supplier<T> request, String context, String namespace) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw failure(context, namespace, e);
        }
    }

    private MotosException failure(String context, String namespace, KubernetesClientException e) {
        if (e.getCode() == 404 && namespace != null) {
            return new MotosException(ExitCode.FAILED, context + ": namespace " + namespace + " may not exist",
                    "check the namespace (-n)", e);
        }
        return dev.motospkg.kube.KubeErrors.storeFailure(context, e, client, "your credentials may not read or write Secrets in "
                + (namespace == null ? "the cluster" : "namespace " + namespace) + "; check with 'kubectl auth can-i "
                + "create secrets" + (namespace == null ? " -A" : " -n " + namespace) + "'");
    }
}
