package dev.motospkg.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Which failures are sent again, and for how long; on a fake clock, so it takes no time. */
class TransientRetryTest {
    private final AtomicLong now = new AtomicLong();
    private final TransientRetry retry = new TransientRetry(Duration.ofSeconds(30), Duration.ofSeconds(10), now::get,
            ms -> now.addAndGet(ms * 1_000_000));

    /** Each attempt takes the next outcome: an IOException to throw or an HTTP code to answer. */
    private Interceptor.Chain chain(String method, Deque<Object> outcomes, int[] attempts) {
        Request request = new Request.Builder().url("https://127.0.0.1:6443/api").method(method,
                method.equals("GET") ? null : okhttp3.RequestBody.create(new byte[0], null)).build();
        return (Interceptor.Chain) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Interceptor.Chain.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "request" -> request;
                    case "withReadTimeout", "withConnectTimeout", "withWriteTimeout" -> proxy;
                    case "proceed" -> {
                        attempts[0]++;
                        Object next = outcomes.isEmpty() ? 200 : outcomes.pop();
                        if (next instanceof IOException e) {
                            throw e;
                        }
                        yield new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code((Integer) next)
                                .message("x").build();
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private int run(String method, Object... outcomes) throws IOException {
        int[] attempts = {0};
        Response r = retry.intercept(chain(method, new ArrayDeque<>(List.of(outcomes)), attempts));
        assertEquals(200, r.code());
        return attempts[0];
    }

    @Test
    void aServerThatAnsweredOnceIsWaitedForWhileItRestarts() throws IOException {
        assertEquals(1, run("GET"));
        assertEquals(6, run("PATCH", new ConnectException("refused"), new ConnectException("refused"), 503, 502,
                new IOException("unexpected end of stream")));
        assertEquals(2, run("GET", 500));
    }

    @Test
    void aServerThatNeverAnsweredFailsAtOnce() {
        int[] attempts = {0};
        assertThrows(ConnectException.class, () -> retry.intercept(
                chain("GET", new ArrayDeque<>(List.of(new ConnectException("refused"))), attempts)));
        assertEquals(1, attempts[0]);
    }

    @Test
    void readTimeoutsAndServerErrorsOfWritesAreNotRetried() throws IOException {
        run("GET");
        int[] attempts = {0};
        assertThrows(SocketTimeoutException.class, () -> retry.intercept(
                chain("GET", new ArrayDeque<>(List.of(new SocketTimeoutException("read timed out"))), attempts)));
        assertEquals(1, attempts[0]);
        int[] posts = {0};
        assertEquals(500, retry.intercept(chain("POST", new ArrayDeque<>(List.of(500)), posts)).code());
        assertEquals(1, posts[0]);
    }

    @Test
    void retriesStopAtTheWindow() throws IOException {
        run("GET");
        Deque<Object> down = new ArrayDeque<>();
        for (int i = 0; i < 100; i++) {
            down.add(new ConnectException("refused"));
        }
        int[] attempts = {0};
        long start = now.get();
        assertThrows(ConnectException.class, () -> retry.intercept(chain("GET", down, attempts)));
        long waited = Duration.ofNanos(now.get() - start).toMillis();
        assertEquals(true, waited <= 30_000 && waited >= 27_000, "waited " + waited + " ms");
    }
}
