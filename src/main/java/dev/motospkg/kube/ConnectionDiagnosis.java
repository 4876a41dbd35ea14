package dev.motospkg.kube;

import dev.motospkg.error.ClassNames;
import dev.motospkg.error.MotosException;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * {@code motospkg doctor}'s checks, in the order a connection fails: the kubeconfig files, the
 * context, the credentials (offline), the minikube profile, then the server itself (does it answer,
 * does TLS hold, are the credentials accepted) and the cluster's identity. Each finding says what is
 * wrong in the user's terms and the fix; a check whose input is missing is skipped, not guessed.
 */
public final class ConnectionDiagnosis {

    private final Map<String, String> env;
    private final Path home;
    private final Clock clock;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    public ConnectionDiagnosis(Map<String, String> env, Path home, Clock clock, Duration connectTimeout,
            Duration requestTimeout) {
        this.env = env;
        this.home = home;
        this.clock = clock;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    /** The process environment and home directory, like kubectl. */
    public static ConnectionDiagnosis forThisUser(Clock clock) {
        return new ConnectionDiagnosis(System.getenv(), Path.of(System.getProperty("user.home")), clock,
                KubeConnection.CONNECT_TIMEOUT, KubeConnection.REQUEST_TIMEOUT);
    }

    /** @param kubeconfigFlag --kubeconfig or null; @param contextFlag --kube-context or null */
    public Diagnosis diagnose(Path kubeconfigFlag, String contextFlag) {
        KubeConfigSources sources = KubeConfigSources.of(kubeconfigFlag, env, home);
        List<Diagnosis.Finding> out = new ArrayList<>(sources.findings(contextFlag));
        if (!new Diagnosis(null, out).healthy()) {
            return new Diagnosis(null, out);
        }
        Optional<Diagnosis.Finding> context = missingContext(sources, contextFlag);
        if (context.isPresent()) {
            out.add(context.get());
            return new Diagnosis(null, out);
        }
        KubeConfigFile file;
        try {
            file = KubeConfigFile.resolve(kubeconfigFlag, contextFlag, env, home);
        } catch (MotosException e) {
            out.add(Diagnosis.Finding.problem("Context", e.getMessage() + ".", e.hint()));
            return new Diagnosis(null, out);
        }
        String target = "context " + file.context() + ", server " + file.server();
        Entries entries = entries(sources, file);
        out.add(Diagnosis.Finding.ok("Context", "context " + KubeConfigSources.quote(file.context()) + " (in "
                + entries.contextFile + "): cluster " + KubeConfigSources.quote(entries.clusterName) + " with server "
                + file.server() + ", user " + (file.user() == null ? "(none)" : KubeConfigSources.quote(file.user()))
                + ", namespace " + (file.namespace() == null ? "default (none set)" : file.namespace())
                + " for commands without -n."));
        if (file.user() != null && entries.user == null) {
            out.add(Diagnosis.Finding.warning("Credentials", "context " + KubeConfigSources.quote(file.context())
                    + " names user " + KubeConfigSources.quote(file.user()) + ", which no kubeconfig file defines:"
                    + " requests are sent without credentials.", "add the user entry, or fix the context's user."));
        } else {
            out.addAll(KubeCredentials.findings(file.user(), entries.user, entries.userDir, env, clock));
        }
        if (entries.cluster != null && Boolean.parseBoolean(String.valueOf(entries.cluster.get("insecure-skip-tls-verify")))) {
            out.add(Diagnosis.Finding.warning("TLS", "cluster " + KubeConfigSources.quote(entries.clusterName)
                    + " sets insecure-skip-tls-verify: any server at that address is trusted, so a wrong cluster or"
                    + " a machine in the middle cannot be told apart.",
                    "set certificate-authority-data to the cluster's CA and remove insecure-skip-tls-verify."));
        }
        Optional<MinikubeProfile> minikube = MinikubeProfile.find(env, home, List.of(file.context(), entries.clusterName));
        Optional<Diagnosis.Finding> moved = minikube.flatMap(p -> p.mismatch(file.server()));
        if (moved.isPresent()) {
            // the address is known to be old: a request to it would only add a timeout to the one cause
            out.add(moved.get());
            return new Diagnosis(target, out);
        }
        try (KubeConnection conn = new KubeConnection(kubeconfigFlag, contextFlag, env, home, connectTimeout,
                requestTimeout)) {
            new ServerChecks(conn, file, entries, minikube).run(out);
        } catch (MotosException e) {
            out.add(Diagnosis.Finding.problem("Client", e.getMessage() + ".", e.hint()));
        }
        return new Diagnosis(target, out);
    }

    /** The context's entries, each from the first file that defines it (kubectl's merge). */
    record Entries(Path contextFile, String clusterName, Map<?, ?> cluster, Path clusterDir, Map<?, ?> user, Path userDir) {
    }

    private static Entries entries(KubeConfigSources sources, KubeConfigFile file) {
        KubeConfigSources.Source ctxFile = sources.definer("contexts", file.context());
        Map<?, ?> ctx = inner(ctxFile, "contexts", file.context(), "context");
        String clusterName = ctx.get("cluster") == null ? null : String.valueOf(ctx.get("cluster"));
        KubeConfigSources.Source clusterFile = sources.definer("clusters", clusterName);
        KubeConfigSources.Source userFile = file.user() == null ? null : sources.definer("users", file.user());
        return new Entries(ctxFile == null ? file.path() : ctxFile.path(), clusterName,
                clusterFile == null ? null : inner(clusterFile, "clusters", clusterName, "cluster"), dir(clusterFile),
                userFile == null ? null : inner(userFile, "users", file.user(), "user"), dir(userFile));
    }

    private static Map<?, ?> inner(KubeConfigSources.Source s, String list, String name, String field) {
        if (s == null) {
            return Map.of();
        }
        Object inner = s.entries().get(list).get(name).get(field);
        return inner instanceof Map<?, ?> m ? m : Map.of();
    }

    private static Path dir(KubeConfigSources.Source s) {
        return s == null ? null : s.path().toAbsolutePath().getParent();
    }

    /** A context no file defines, said with every file and context in view (kubectl says only "not found"). */
    private static Optional<Diagnosis.Finding> missingContext(KubeConfigSources sources, String flag) {
        KubeConfigSources.Source current = sources.currentContextSource();
        String name = flag != null ? flag : current == null ? null : current.currentContext();
        List<String> all = sources.sources.stream().flatMap(s -> s.names("contexts").stream()).distinct().toList();
        String files = String.join(", ", sources.sources.stream().map(s -> s.path().toString()).toList());
        String available = all.isEmpty() ? "they define no contexts at all" : "they define " + String.join(", ", all);
        String use = all.isEmpty() ? "" : all.get(0);
        if (name == null) {
            return Optional.of(Diagnosis.Finding.problem("Context", "no current context is set in " + files + " ("
                    + available + "), and no --kube-context was given.", all.isEmpty()
                    ? "use the kubeconfig your cluster tool wrote; " + KubeConfigFile.CLUSTER_HINT + "."
                    : "`kubectl config use-context " + use + "`, or pass --kube-context " + use + "."));
        }
        if (all.contains(name)) {
            return Optional.empty();
        }
        String from = flag != null ? "--kube-context names" : "current-context in " + current.path() + " names";
        return Optional.of(Diagnosis.Finding.problem("Context", from + " context " + KubeConfigSources.quote(name)
                + ", which none of the kubeconfig files defines (" + files + ": " + available + ").",
                (all.isEmpty() ? "" : "`kubectl config use-context " + use + "` or --kube-context " + use + " for one"
                        + " that exists; ") + "if it is defined in another file, add that file to KUBECONFIG"
                        + (name.contains("minikube") ? "; for minikube, `minikube update-context` writes it again" : "")
                        + "."));
    }

    /** The checks that talk to the server, through the same client every command uses. */
    private final class ServerChecks {
        private final KubeConnection conn;
        private final KubeConfigFile file;
        private final Entries entries;
        private final Optional<MinikubeProfile> minikube;

        ServerChecks(KubeConnection conn, KubeConfigFile file, Entries entries, Optional<MinikubeProfile> minikube) {
            this.conn = conn;
            this.file = file;
            this.entries = entries;
            this.minikube = minikube;
        }

        void run(List<Diagnosis.Finding> out) {
            VersionInfo version;
            try {
                version = conn.client().getKubernetesVersion();
            } catch (MotosException e) {
                throw e;
            } catch (RuntimeException e) {
                out.add(failure(e, "GET /version"));
                return;
            }
            if (version == null) {
                out.add(Diagnosis.Finding.problem("Server", file.server() + " answered, but not like a Kubernetes API"
                        + " server (GET /version: not found).", "check the server URL in the kubeconfig, and any"
                        + " HTTPS_PROXY/NO_PROXY setting in between."));
                return;
            }
            out.add(Diagnosis.Finding.ok("Server", file.server() + " answers: Kubernetes " + version.getGitVersion() + "."));
            out.add(identity());
            if (out.get(out.size() - 1).verdict() != Diagnosis.Verdict.PROBLEM) {
                permissions(out);
            }
        }

        private Diagnosis.Finding identity() {
            Namespace kubeSystem;
            try {
                kubeSystem = conn.client().namespaces().withName("kube-system").get();
            } catch (RuntimeException e) {
                return failure(e, "GET namespace kube-system");
            }
            if (kubeSystem == null || kubeSystem.getMetadata().getUid() == null) {
                return Diagnosis.Finding.warning("Cluster identity", "the cluster has no kube-system namespace, so"
                        + " it has no identity motospkg can record: a release moved to another cluster cannot be"
                        + " noticed.", null);
            }
            return Diagnosis.Finding.ok("Cluster identity", "kube-system namespace uid "
                    + kubeSystem.getMetadata().getUid() + " (created " + kubeSystem.getMetadata().getCreationTimestamp()
                    + "). User " + KubeConfigSources.quote(String.valueOf(file.user())) + " is authenticated and may"
                    + " read it. Every revision records this uid; a command on a release recorded on another cluster"
                    + " warns.");
        }

        private void permissions(List<Diagnosis.Finding> out) {
            String namespace = file.namespace() == null || file.namespace().isEmpty() ? "default" : file.namespace();
            try {
                out.add(PermissionCheck.check(conn.client(), namespace, file.user() == null ? "(none)"
                        : KubeConfigSources.quote(file.user()), file.context()));
            } catch (RuntimeException e) {
                out.add(failure(e, "a permission check (SelfSubjectAccessReview)"));
            }
        }

        private Diagnosis.Finding failure(RuntimeException e, String request) {
            // fabric8 says -1 when no HTTP answer came (refused, TLS, timeout)
            int code = e instanceof KubernetesClientException k ? Math.max(k.getCode(), 0) : 0;
            String user = file.user() == null ? "(none)" : KubeConfigSources.quote(file.user());
            String check = "check with `kubectl --context " + file.context() + " get --raw /version`.";
            if (code == 401) {
                String kind = KubeCredentials.kind(entries.user);
                return Diagnosis.Finding.problem("Authentication", "the server answered " + request
                        + " with 401 Unauthorized: it did not accept the credentials of user " + user + " (" + kind
                        + "). This is authentication (who you are), not RBAC permissions, which the server never got"
                        + " to check: the " + (kind.contains("certificate") ? "client certificate is expired or signed by"
                        + " another cluster's CA" : "token is wrong, expired or revoked") + ", or it belongs to another"
                        + " cluster (a kubeconfig left from a cluster that was recreated).",
                        "log in again or take the cluster's current kubeconfig (for minikube: `minikube update-context`;"
                                + " for a service account: `kubectl create token NAME`); " + check);
            }
            if (code == 403) {
                return Diagnosis.Finding.warning("Permissions", "user " + user + " is authenticated, but RBAC forbids "
                        + request + " (403): " + serverMessage(e) + ". motospkg cannot record which cluster a release"
                        + " is on.", "ask a cluster admin for read access to namespaces; check with `kubectl --context "
                        + file.context() + " auth can-i get namespaces`.");
            }
            if (code != 0) {
                return Diagnosis.Finding.problem("Server", "the server answered " + request + " with " + code + ": "
                        + serverMessage(e) + ".", code >= 500 || code == 429 ? "the API server is unhealthy or"
                        + " overloaded; retry later, " + check : check);
            }
            return unreachable(e);
        }

        private Diagnosis.Finding unreachable(Throwable e) {
            String minikubeFix = minikube.map(p -> " For minikube: " + p.updateContext())
                    .orElse(file.context().contains("minikube") ? " For minikube: `minikube status`, then `minikube"
                            + " update-context`." : "");
            String elsewhere = "start the cluster; if it runs, its address changed: take its current kubeconfig ("
                    + KubeConfigFile.CLUSTER_HINT + "), check with `kubectl --context " + file.context()
                    + " cluster-info`." + minikubeFix;
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof SSLException ssl) {
                    return tls(ssl);
                }
                if (t instanceof ConnectException) {
                    return Diagnosis.Finding.problem("Server", "nothing answers at " + file.server() + " (connection"
                            + " refused): the cluster is stopped, or the kubeconfig names an old address or port.",
                            elsewhere);
                }
                if (t instanceof UnknownHostException) {
                    return Diagnosis.Finding.problem("Server", "the host of " + file.server() + " is unknown (DNS)"
                            + ": a typo in the server URL, or a name only another network resolves.", elsewhere);
                }
                if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.io.InterruptedIOException
                        || t instanceof java.util.concurrent.TimeoutException) {
                    return Diagnosis.Finding.problem("Server", "no answer from " + file.server() + " within "
                            + connectTimeout.toSeconds() + "s: the address is unreachable from here (a stopped VM, an"
                            + " old IP, a firewall) or the server hangs.", elsewhere);
                }
            }
            return Diagnosis.Finding.problem("Server", "cannot reach " + file.server() + ": "
                    + ClassNames.strip(KubeErrors.rootMessage(e)) + ".", elsewhere);
        }

        private Diagnosis.Finding tls(SSLException e) {
            Optional<TlsProbe.Presented> presented = TlsProbe.presented(file.server(), connectTimeout);
            String trusted = trustedCa();
            if (KubeErrors.untrusted(e)) {
                String seen = presented.map(p -> " The server presents a certificate for " + p.subject()
                        + " issued by " + p.issuer() + "; the kubeconfig trusts " + trusted + ".").orElse("");
                return Diagnosis.Finding.problem("TLS", "the server at " + file.server() + " presents a certificate"
                        + " that the certificate authority of cluster " + KubeConfigSources.quote(entries.clusterName)
                        + " in the kubeconfig did not sign, so motospkg refused the server (no credentials were sent)."
                        + seen + " Usually the cluster was recreated with a new CA and the kubeconfig is stale, or the"
                        + " server URL points at another cluster.",
                        "take the cluster's current kubeconfig (" + KubeConfigFile.CLUSTER_HINT + "), or set the right"
                                + " CA: `kubectl config set-cluster " + entries.clusterName + " --certificate-authority"
                                + "=CA.crt --embed-certs`. Do not switch on insecure-skip-tls-verify.");
            }
            String names = presented.map(p -> " Its certificate is valid for: " + String.join(", ", p.names()) + ".")
                    .orElse("");
            String message = ClassNames.strip(String.valueOf(e.getMessage()));
            boolean hostname = message.toLowerCase(java.util.Locale.ROOT).contains("hostname")
                    || message.contains("subject alternative");
            return Diagnosis.Finding.problem("TLS", "TLS with " + file.server() + " failed: " + message + "." + names
                    + (hostname ? " The server URL's host is not one its certificate names." : ""),
                    hostname ? "use a host name or IP the certificate names in the server URL." : "check that "
                            + file.server() + " is a Kubernetes API server speaking HTTPS.");
        }

        private String trustedCa() {
            if (entries.cluster == null) {
                return "no certificate authority (the system's defaults)";
            }
            try {
                Optional<X509Certificate> ca = KubeCredentials.certificate(entries.cluster.get("certificate-authority-data"),
                        entries.cluster.get("certificate-authority"), entries.clusterDir);
                return ca.map(c -> c.getSubjectX500Principal().getName()).orElse("the system's default authorities");
            } catch (Exception x) {
                return "a certificate authority that cannot be read";
            }
        }
    }

    private static String serverMessage(RuntimeException e) {
        if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            return k.getStatus().getMessage();
        }
        return KubeErrors.rootMessage(e);
    }
}
