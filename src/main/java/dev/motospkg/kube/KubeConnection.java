package dev.motospkg.kube;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which cluster to talk to, chosen like kubectl does ({@code --kubeconfig}, else the files of
 * {@code KUBECONFIG} merged, else {@code ~/.kube/config}; {@code --kube-context}, else current-context),
 * and the fabric8 client for it, created on first use.
 *
 * <p>The kubeconfig is read and the context checked in the constructor, so a wrong file or context
 * fails (exit 2) before anything else happens; nothing is sent to the server until {@link #client()}.
 */
public final class KubeConnection implements AutoCloseable {

    /** Short, so an unreachable server fails in seconds rather than after minutes. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A server that accepts and does not answer fails the request here (reads are not retried). */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** How long one request rides out a restarting API server; see {@link TransientRetry}. */
    public static final Duration RETRY_WINDOW = Duration.ofSeconds(30);

    private final KubeConfigFile kubeconfig;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final AtomicLong requests = new AtomicLong();
    /** MOTOSPKG_REQUEST_LOG=FILE (or -Dmotospkg.requestLog): append "METHOD URI" per request, for tests and benchmarks. */
    private final Path requestLog;
    private KubernetesClient client;
    private boolean closed;

    /** Uses the process environment and home directory, like kubectl. */
    public KubeConnection(Path kubeconfig, String context) {
        this(kubeconfig, context, System.getenv(), Path.of(System.getProperty("user.home")), CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    /** For tests: explicit environment, home directory and timeouts. */
    public KubeConnection(Path kubeconfig, String context, Map<String, String> env, Path home,
                          Duration connectTimeout, Duration requestTimeout) {
        this.kubeconfig = KubeConfigFile.resolve(kubeconfig, context, env, home);
        String log = System.getProperty("motospkg.requestLog", env.get("MOTOSPKG_REQUEST_LOG"));
        this.requestLog = log == null || log.isBlank() ? null : Path.of(log);
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    /** The context in use (the flag's, or the kubeconfig's current-context). */
    public String context() {
        return kubeconfig.context();
    }

    /** The API server URL of that context's cluster, as written in the kubeconfig. */
    public String server() {
        return kubeconfig.server();
    }

    /** The kubeconfig user of that context; may be null. */
    public String user() {
        return kubeconfig.user();
    }

    /** The kubeconfig file in use. */
    public Path kubeconfigPath() {
        return kubeconfig.path();
    }

    /** The context's default namespace, "default" when it names none (as kubectl). */
    public String defaultNamespace() {
        return kubeconfig.namespace() == null || kubeconfig.namespace().isEmpty() ? "default" : kubeconfig.namespace();
    }

    /** "context minikube, server https://192.168.49.2:8443". */
    public String describe() {
        return "context " + context() + ", server " + server();
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    /** HTTP requests sent so far by this connection's client (retries count). */
    public long requestCount() {
        return requests.get();
    }

    /**
     * The fabric8 client, created on first call. The one fabric8 type that leaves this package:
     * the Secret-backed release store needs typed Secret access.
     */
    public synchronized KubernetesClient client() {
        if (closed) {
            throw new IllegalStateException("KubeConnection is closed");
        }
        if (client == null) {
            client = newClient();
        }
        return client;
    }

    private KubernetesClient newClient() {
        Config config;
        try {
            // Given a path, fabric8 reads that file and ignores the contents: merged KUBECONFIG files exist only
            // as contents (their relative paths made absolute), so a cluster from the second file was lost.
            config = Config.fromKubeconfig(kubeconfig.context(), kubeconfig.contents(),
                    kubeconfig.merged() ? null : kubeconfig.path().toString());
        } catch (RuntimeException e) {
            throw new MotosException(ExitCode.INVALID_INPUT, "cannot use " + describe()
                    + " from kubeconfig " + kubeconfig.path() + ": " + KubeErrors.rootMessage(e),
                    "check the context's user and cluster entries, e.g. `kubectl --context " + context() + " version`", e);
        }
        config.setConnectionTimeout((int) connectTimeout.toMillis());
        // The server names the field manager of a write without one (a create) after the user agent:
        // motospkg's own name, not its client library's.
        config.setUserAgent(Cluster.FIELD_MANAGER);
        // fabric8's deadline covers the whole call, retries included; each read has its own (TransientRetry).
        config.setRequestTimeout((int) (requestTimeout.toMillis() + RETRY_WINDOW.toMillis()));
        // fabric8 would retry every IOException, read timeouts included (minutes for a server that
        // accepts and never answers); TransientRetry retries only what a restarting server causes.
        config.setRequestRetryBackoffLimit(0);
        TransientRetry retry = new TransientRetry(RETRY_WINDOW, requestTimeout);
        try {
            return new KubernetesClientBuilder()
                    .withConfig(config)
                    .withHttpClientFactory(new io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory() {
                        @Override
                        protected void additionalConfig(okhttp3.OkHttpClient.Builder builder) {
                            builder.addInterceptor(retry);
                        }
                    })
                    .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("motospkg-request-count", new Interceptor() {
                        @Override
                        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                            requests.incrementAndGet();
                            logRequest(request);
                        }
                    }))
                    .build();
        } catch (RuntimeException e) {
            throw new MotosException(ExitCode.INVALID_INPUT, "cannot create a Kubernetes client for "
                    + describe() + ": " + KubeErrors.rootMessage(e),
                    "check the certificates and credentials of context " + context() + " in " + kubeconfig.path(), e);
        }
    }

    private void logRequest(HttpRequest request) {
        if (requestLog == null) {
            return;
        }
        try {
            java.nio.file.Files.writeString(requestLog, request.method() + " " + request.uri() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            // A diagnostics file must never break a deployment.
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
