package dev.motospkg.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Restarts the IT harness's kube-apiserver (etcd keeps running, so no data is lost) with the very
 * command line {@code scripts/dev-cluster up} gave it, and updates its pid file so
 * {@code scripts/dev-cluster down} stops the new process at the end of the run.
 */
public final class ApiServerRestarts {
    private ApiServerRestarts() {
    }

    /** Stops the server, keeps it down for {@code outage}, starts it again; returns when it has been started. */
    public static void restart(Duration outage) {
        Path state = DevCluster.projectDir().resolve("target/it-cluster");
        Path pidFile = state.resolve("kube-apiserver.pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
            List<String> command = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    command.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            ProcessHandle old = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no kube-apiserver " + pid));
            long down = System.nanoTime();
            new ProcessBuilder("kill", "-TERM", Long.toString(pid)).start().waitFor();
            old.onExit().get(30, TimeUnit.SECONDS);
            long left = outage.toNanos() - (System.nanoTime() - down);
            if (left > 0) {
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left));
            }
            Process started = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve("kube-apiserver.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            Files.writeString(pidFile, started.pid() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("restarting kube-apiserver failed: " + e, e);
        }
    }
}
