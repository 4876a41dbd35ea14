package dev.motospkg.kube;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Rides out an API server that restarts under a running command: a request that finds the server
 * gone (connection refused or reset) or busy (429, 502-504; 500 for reads) is sent again with
 * exponential backoff (200 ms doubling to 2 s) for up to {@code window}. Each attempt has its own read
 * deadline; fabric8's whole-call deadline is set to cover the retries.
 *
 * <p>Only once the server has answered this process at least once: a server that never answered is
 * not restarting but absent, and the user should hear so at once. A read timeout is not retried
 * either: a server that accepts and never answers would otherwise hold the command for minutes.
 */
final class TransientRetry implements Interceptor {
    private static final long FIRST_PAUSE_MS = 200;
    private static final long MAX_PAUSE_MS = 2000;

    private final Duration window;
    private final Duration readTimeout;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final AtomicBoolean answered = new AtomicBoolean();

    /** How to wait between attempts; tests pass one that does not sleep. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    TransientRetry(Duration window, Duration readTimeout) {
        this(window, readTimeout, System::nanoTime, Thread::sleep);
    }

    TransientRetry(Duration window, Duration readTimeout, LongSupplier nanoTime, Sleeper sleeper) {
        this.window = window;
        this.readTimeout = readTimeout;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        long deadline = nanoTime.getAsLong() + window.toNanos();
        long pause = FIRST_PAUSE_MS;
        while (true) {
            Response response;
            try {
                response = chain.withReadTimeout((int) readTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                        .proceed(request);
            } catch (IOException e) {
                if (!answered.get() || !isTransient(e) || pastDeadline(deadline, pause)) {
                    throw e;
                }
                pause = pauseThen(pause);
                continue;
            }
            answered.set(true);
            if (!retryable(request, response.code()) || pastDeadline(deadline, pause)) {
                return response;
            }
            response.close();
            pause = pauseThen(pause);
        }
    }

    private boolean pastDeadline(long deadline, long pause) {
        return nanoTime.getAsLong() + pause * 1_000_000 > deadline;
    }

    private long pauseThen(long pause) throws InterruptedIOException {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
        return Math.min(pause * 2, MAX_PAUSE_MS);
    }

    static boolean isTransient(IOException e) {
        return !(e instanceof SocketTimeoutException) && !(e instanceof javax.net.ssl.SSLPeerUnverifiedException)
                && !(e instanceof javax.net.ssl.SSLHandshakeException && e.getCause() instanceof
                        java.security.cert.CertificateException);
    }

    static boolean retryable(Request request, int code) {
        return code == 429 || code == 502 || code == 503 || code == 504 || (code == 500 && "GET".equals(request.method()));
    }
}
