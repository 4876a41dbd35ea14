package dev.motospkg.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A plain-HTTP proxy in front of the test API server that runs a hook at the n-th writing request
 * (POST, PUT, PATCH, DELETE) of the process it serves: that is how a kill IT picks its point in a
 * real process without any hook in motospkg itself. The hook runs either before the request is
 * forwarded (the write never happens) or after the server has done it but before the answer
 * reaches the process (the write happened, the process never learns it).
 */
public final class KillingProxy implements AutoCloseable {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> HOP = Set.of("host", "connection", "content-length", "transfer-encoding",
            "keep-alive", "upgrade", "accept-encoding");

    public enum When { BEFORE_FORWARDING, AFTER_THE_SERVER_DID_IT }

    private final HttpServer server;
    private final OkHttpClient upstream;
    private final String upstreamUrl;
    private final AtomicInteger writes = new AtomicInteger();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private volatile int hookAt = -1;
    private volatile When when = When.BEFORE_FORWARDING;
    private volatile Runnable hook = () -> { };

    public KillingProxy(String upstreamUrl) throws Exception {
        this.upstreamUrl = upstreamUrl.replaceAll("/$", "");
        TrustManager[] trustAll = {new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
            @Override public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trustAll, new SecureRandom());
        upstream = new OkHttpClient.Builder().sslSocketFactory(ssl.getSocketFactory(), (X509TrustManager) trustAll[0])
                .hostnameVerifier((h, s) -> true).retryOnConnectionFailure(false).build();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "killing-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Arms the hook for the n-th write (1-based) from now on; resets the count and the log. */
    public void arm(int n, When when, Runnable hook) {
        writes.set(0);
        log.clear();
        this.when = when;
        this.hook = hook;
        this.hookAt = n;
    }

    public void disarm() {
        hookAt = -1;
    }

    /** "METHOD path" of every write since the last {@link #arm}. */
    public List<String> writes() {
        return List.copyOf(log);
    }

    /** A kubeconfig for this proxy with the same token. */
    public Path kubeconfig(Path dir, String token) throws IOException {
        Path p = dir.resolve("kubeconfig-proxy");
        Files.writeString(p, "apiVersion: v1\nkind: Config\ncurrent-context: proxy\nclusters:\n- name: proxy\n"
                + "  cluster:\n    server: " + url() + "\ncontexts:\n- name: proxy\n  context:\n    cluster: proxy\n"
                + "    user: admin\nusers:\n- name: admin\n  user:\n    token: " + token + "\n");
        return p;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            int n = WRITES.contains(method) ? writes.incrementAndGet() : 0;
            if (n > 0) {
                log.add(method + " " + exchange.getRequestURI().getPath());
            }
            boolean fire = n > 0 && n == hookAt;
            if (fire && when == When.BEFORE_FORWARDING) {
                hook.run();
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Request.Builder request = new Request.Builder().url(upstreamUrl + exchange.getRequestURI());
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            exchange.getRequestHeaders().forEach((k, values) -> {
                if (!HOP.contains(k.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.addHeader(k, v));
                }
            });
            boolean hasBody = !method.equals("GET") && !method.equals("HEAD");
            request.method(method, hasBody ? RequestBody.create(body,
                    contentType == null ? null : MediaType.parse(contentType)) : null);
            try (Response response = upstream.newCall(request.build()).execute()) {
                byte[] answer = response.body() == null ? new byte[0] : response.body().bytes();
                if (fire) {
                    hook.run();
                    return;
                }
                response.headers().forEach(h -> {
                    if (!HOP.contains(h.getFirst().toLowerCase(Locale.ROOT))) {
                        exchange.getResponseHeaders().add(h.getFirst(), h.getSecond());
                    }
                });
                exchange.sendResponseHeaders(response.code(), answer.length == 0 ? -1 : answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
