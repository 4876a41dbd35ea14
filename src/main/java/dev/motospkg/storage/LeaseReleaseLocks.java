package dev.motospkg.storage;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import dev.motospkg.kube.ObjectKey;
import dev.motospkg.kube.ReadAhead;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A release lock as a {@code coordination.k8s.io/v1} Lease {@code motospkg.lock.<release>} in the
 * release's namespace. The server makes creating it atomic, so of two commands racing exactly one
 * wins. The holder renews it every third of its duration while the operation runs; a Lease whose
 * holder stopped renewing, or whose holder process on this host is dead, is taken over with an
 * update on its resourceVersion (a conflict means another command took it first: refused).
 *
 * <p>A holder that says what history it leaves ({@link Lock#leave}) frees the Lease on close instead of
 * deleting it, with that history's fingerprint in annotation {@code motospkg.dev/history}; the next
 * command takes the free Lease with one JSON patch (its test on the empty holder makes it atomic) and
 * reads the fingerprint from the answer ({@link Lock#historyLeft}).
 *
 * <p>Acquire creates nothing but the Lease, except on a first install into a namespace that does not
 * exist yet: then it server-side applies a bare Namespace (field manager {@code motospkg}) first, as
 * the lock has to live somewhere and the install would create that namespace anyway.
 *
 * <p>Freshness compares the Lease's renewTime with the injected clock, so it assumes clocks across
 * machines agree to well within the lease duration.
 */
public final class LeaseReleaseLocks implements ReleaseLocks {

    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(30);
    /** The API's MicroTime, as the server writes it. */
    static final java.time.format.DateTimeFormatter MICRO_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");
    public static final String ANNOTATION_OPERATION = "motospkg.dev/operation";
    public static final String ANNOTATION_STARTED = "motospkg.dev/started";
    /** Tells our own acquisitions apart: two locks taken by one process share a holder identity. */
    static final String ANNOTATION_TOKEN = "motospkg.dev/token";
    /** On a freed lease: the fingerprint of the history its last holder left (see {@link Lock#leave}). */
    static final String ANNOTATION_HISTORY = "motospkg.dev/history";
    private static final int ATTEMPTS = 3;

    private final KubernetesClient client;
    private final ReadAhead readAhead;
    private final Clock clock;
    private final Duration leaseDuration;
    private final String hostname;
    private final long pid;

    public LeaseReleaseLocks(KubernetesClient client, Clock clock) {
        this(client, clock, DEFAULT_LEASE_DURATION);
    }

    /** @param readAhead tells a namespace known absent (its lock then creates it first) and learns it once made */
    public LeaseReleaseLocks(KubernetesClient client, ReadAhead readAhead, Clock clock) {
        this(client, readAhead, clock, DEFAULT_LEASE_DURATION, localHostname(), ProcessHandle.current().pid());
    }

    public LeaseReleaseLocks(KubernetesClient client, Clock clock, Duration leaseDuration) {
        this(client, clock, leaseDuration, localHostname(), ProcessHandle.current().pid());
    }

    /** With another process identity: lets tests play a second process on this or another host. */
    LeaseReleaseLocks(KubernetesClient client, Clock clock, Duration leaseDuration, String hostname, long pid) {
        this(client, new ReadAhead(), clock, leaseDuration, hostname, pid);
    }

    private LeaseReleaseLocks(KubernetesClient client, ReadAhead readAhead, Clock clock, Duration leaseDuration,
            String hostname, long pid) {
        this.client = Objects.requireNonNull(client, "client");
        this.readAhead = Objects.requireNonNull(readAhead, "readAhead");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.leaseDuration = Objects.requireNonNull(leaseDuration, "leaseDuration");
        if (leaseDuration.toSeconds() < 3) {
            throw new IllegalArgumentException("lease duration under 3s: " + leaseDuration);
        }
        this.hostname = Objects.requireNonNull(hostname, "hostname");
        this.pid = pid;
    }

    public static String leaseName(String release) {
        return "motospkg.lock." + release;
    }

    /** {@code <hostname>/pid-<pid>}: the holder identity without the operation. */
    public String processIdentity() {
        return hostname + "/pid-" + pid;
    }

    /**
     * With history, the last command most likely left the lease freed rather than deleted: one JSON
     * patch takes it, atomically and only if it is still free (its test fails otherwise), and its
     * answer carries what that command recorded in it. Anything else goes the general way.
     */
    @Override
    public Lock acquire(String namespace, String name, String operation, boolean hasHistory) {
        if (hasHistory) {
            Resource<Lease> resource = client.leases().inNamespace(namespace).withName(leaseName(name));
            String token = UUID.randomUUID().toString();
            Instant now = clock.instant();
            try {
                Lease taken = patchable(namespace, name).patch(PatchContext.of(PatchType.JSON),
                        client.getKubernetesSerialization().asJson(takeFreePatch(operation, token, now)));
                String left = annotation(taken, ANNOTATION_HISTORY);
                return new HeldLease(resource, patchable(namespace, name), clock, token, null, leaseDuration, version(taken), now, false,
                        left == null || left.isEmpty() ? null : left);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404 && e.getCode() != 422) {
                    throw failure("cannot take the lock of release " + name, namespace, e);
                }
                // 404: no lease (or no namespace); 422: not free. The general way tells which.
            }
        }
        return acquire(namespace, name, operation);
    }

    /** Holder, times and annotations set, provided the holder is "" (free); the history annotation is kept. */
    private List<Map<String, Object>> takeFreePatch(String operation, String token, Instant now) {
        String time = MICRO_TIME.format(now.atZone(ZoneOffset.UTC));
        return List.of(
                Map.of("op", "test", "path", "/spec/holderIdentity", "value", ""),
                Map.of("op", "add", "path", "/spec/holderIdentity", "value", processIdentity() + " " + operation),
                Map.of("op", "add", "path", "/spec/acquireTime", "value", time),
                Map.of("op", "add", "path", "/spec/renewTime", "value", time),
                Map.of("op", "add", "path", "/spec/leaseDurationSeconds", "value", (int) leaseDuration.toSeconds()),
                Map.of("op", "add", "path", "/metadata/annotations/" + pointer(ANNOTATION_OPERATION), "value", operation),
                Map.of("op", "add", "path", "/metadata/annotations/" + pointer(ANNOTATION_STARTED),
                        "value", LockMessages.seconds(now)),
                Map.of("op", "add", "path", "/metadata/annotations/" + pointer(ANNOTATION_TOKEN), "value", token));
    }

    /**
     * The lease as a resource with an item: fabric8 sends a JSON patch of a bare name only after
     * GETting the object, which this spares.
     */
    Resource<Lease> patchable(String namespace, String name) {
        return client.leases().inNamespace(namespace).resource(new LeaseBuilder().withNewMetadata()
                .withName(leaseName(name)).withNamespace(namespace).endMetadata().build());
    }

    /** A map key as a JSON pointer segment (RFC 6901). */
    static String pointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String annotation(Lease lease, String key) {
        Map<String, String> annotations = lease == null ? null : lease.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    @Override
    public Lock acquire(String namespace, String name, String operation) {
        Resource<Lease> resource = client.leases().inNamespace(namespace).withName(leaseName(name));
        String token = UUID.randomUUID().toString();
        // A namespace seen absent is created first, rather than learnt absent from a failed Lease create.
        boolean createdNamespace = readAhead.namespaceAbsent(namespace) && createNamespace(namespace);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Lease existing;
            try {
                Lease created = client.leases().inNamespace(namespace)
                        .resource(newLease(namespace, name, operation, token, now)).create();
                return new HeldLease(resource, patchable(namespace, name), clock, token, null, leaseDuration, version(created), now, createdNamespace,
                        null);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    ensureNamespace(namespace);
                    createdNamespace = true;
                    continue;
                }
                if (e.getCode() != 409) {
                    throw failure("cannot take the lock of release " + name, namespace, e);
                }
            }
            existing = get(resource, name, namespace);
            if (existing == null) {
                continue; // released between our create and get: try creating again
            }
            LeaseSpec spec = existing.getSpec() == null ? new LeaseSpec() : existing.getSpec();
            String previous = spec.getHolderIdentity();
            boolean free = previous == null || previous.isBlank();
            if (!free && !isStale(existing, now)) {
                throw locked(name, existing);
            }
            Lease takeover = new LeaseBuilder(newLease(namespace, name, operation, token, now))
                    .editMetadata().withResourceVersion(existing.getMetadata().getResourceVersion()).endMetadata()
                    .editSpec().withLeaseTransitions(transitions(spec) + 1).endSpec()
                    .build();
            try {
                Lease taken = client.leases().inNamespace(namespace).resource(takeover).update();
                // a free lease taken at the version we read: nobody held it since its holder left it
                String left = free ? annotation(existing, ANNOTATION_HISTORY) : null;
                return new HeldLease(resource, patchable(namespace, name), clock, token, free ? null : previous, leaseDuration, version(taken), now,
                        createdNamespace, left == null || left.isEmpty() ? null : left);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 && e.getCode() != 404) {
                    throw failure("cannot take over the lock of release " + name, namespace, e);
                }
                // someone else changed it first: look again, which names the winner
            }
        }
        Lease current = get(resource, name, namespace);
        if (current != null) {
            throw locked(name, current);
        }
        throw MotosException.failed("cannot take the lock of release " + name + " in namespace " + namespace
                + ": it changed hands " + ATTEMPTS + " times while trying", "retry");
    }

    private Lease newLease(String namespace, String name, String operation, String token, Instant now) {
        ZonedDateTime time = now.atZone(ZoneOffset.UTC);
        return new LeaseBuilder()
                .withNewMetadata()
                .withName(leaseName(name))
                .withNamespace(namespace)
                .addToLabels("owner", "motospkg")
                .addToLabels("name", name)
                .addToAnnotations(ANNOTATION_OPERATION, operation)
                .addToAnnotations(ANNOTATION_STARTED, LockMessages.seconds(now))
                .addToAnnotations(ANNOTATION_TOKEN, token)
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(processIdentity() + " " + operation)
                .withAcquireTime(time)
                .withRenewTime(time)
                .withLeaseDurationSeconds((int) leaseDuration.toSeconds())
                .withLeaseTransitions(0)
                .endSpec()
                .build();
    }

    /** Not renewed in time, or held by a process of this host that is gone. */
    private boolean isStale(Lease lease, Instant now) {
        Instant expires = expiresAt(lease);
        if (expires != null && now.isAfter(expires)) {
            return true;
        }
        return localHolderGone(lease.getSpec().getHolderIdentity());
    }

    /** The holder is a process of this host that no longer runs. */
    private boolean localHolderGone(String identity) {
        if (identity == null) {
            return false;
        }
        String process = holderProcess(identity);
        String prefix = hostname + "/pid-";
        if (process.startsWith(prefix)) {
            try {
                long holderPid = Long.parseLong(process.substring(prefix.length()));
                return !ProcessHandle.of(holderPid).map(ProcessHandle::isAlive).orElse(false);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private static Instant expiresAt(Lease lease) {
        LeaseSpec spec = lease.getSpec();
        if (spec == null) {
            return null;
        }
        ZonedDateTime renewed = spec.getRenewTime() != null ? spec.getRenewTime() : spec.getAcquireTime();
        if (renewed == null || spec.getLeaseDurationSeconds() == null) {
            return null; // a lease that never says when it ends is left to its holder (or a human)
        }
        return renewed.toInstant().plusSeconds(spec.getLeaseDurationSeconds());
    }

    private MotosException locked(String name, Lease lease) {
        LeaseSpec spec = lease.getSpec() == null ? new LeaseSpec() : lease.getSpec();
        String identity = spec.getHolderIdentity() == null ? "nobody" : spec.getHolderIdentity();
        Map<String, String> annotations = lease.getMetadata().getAnnotations();
        String operation = annotations == null ? null : annotations.get(ANNOTATION_OPERATION);
        if (operation == null && identity.indexOf(' ') > 0) {
            operation = identity.substring(identity.indexOf(' ') + 1);
        }
        Instant since = null;
        try {
            String started = annotations == null ? null : annotations.get(ANNOTATION_STARTED);
            since = started != null ? Instant.parse(started)
                    : spec.getAcquireTime() == null ? null : spec.getAcquireTime().toInstant();
        } catch (DateTimeParseException e) {
            // a hand-written annotation: the message just leaves out "since"
        }
        return LockMessages.locked(name, holderProcess(identity), operation, since, expiresAt(lease),
                localHolderGone(identity));
    }

    private static String holderProcess(String identity) {
        int space = identity.indexOf(' ');
        return space < 0 ? identity : identity.substring(0, space);
    }

    private static int transitions(LeaseSpec spec) {
        return spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions();
    }

    private void ensureNamespace(String namespace) {
        ObjectKey key = namespaceKey(namespace);
        readAhead.forget(key);
        try {
            readAhead.learn(key, tree(client.namespaces().resource(bareNamespace(namespace))
                    .fieldManager(dev.motospkg.kube.Cluster.FIELD_MANAGER).serverSideApply()));
        } catch (KubernetesClientException e) {
            throw failure("namespace " + namespace + " does not exist and cannot be created", null, e);
        }
    }

    /** Creates the namespace; false when it exists after all (someone made it since it was seen absent). */
    private boolean createNamespace(String namespace) {
        ObjectKey key = namespaceKey(namespace);
        readAhead.forget(key);
        try {
            readAhead.learn(key, tree(client.namespaces().resource(bareNamespace(namespace)).create()));
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw failure("namespace " + namespace + " does not exist and cannot be created", null, e);
        }
    }

    private static ObjectKey namespaceKey(String namespace) {
        return new ObjectKey("v1", "Namespace", null, namespace);
    }

    private static io.fabric8.kubernetes.api.model.Namespace bareNamespace(String namespace) {
        return new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build();
    }

    private Map<String, Object> tree(Object object) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = client.getKubernetesSerialization().convertValue(object, Map.class);
        return map;
    }

    private Lease get(Resource<Lease> resource, String name, String namespace) {
        try {
            return resource.get();
        } catch (KubernetesClientException e) {
            throw failure("cannot read the lock of release " + name, namespace, e);
        }
    }

    private static String version(Lease lease) {
        return lease == null || lease.getMetadata() == null ? null : lease.getMetadata().getResourceVersion();
    }

    private MotosException failure(String context, String namespace, KubernetesClientException e) {
        return dev.motospkg.kube.KubeErrors.storeFailure(context, e, client, "your credentials need to create and update Leases "
                + "(coordination.k8s.io)" + (namespace == null ? " and to create Namespaces" : " in namespace " + namespace));
    }

    static String localHostname() {
        // the kernel's name first: no DNS lookup, and the same for every process on this host
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the JDK
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static String token(ObjectMeta metadata) {
        return metadata.getAnnotations() == null ? null : metadata.getAnnotations().get(ANNOTATION_TOKEN);
    }

    /** Whether the lease is still the one this acquisition wrote (not taken over since). */
    static boolean isOurs(Lease lease, String token) {
        return lease != null && token.equals(token(lease.getMetadata()));
    }
}
