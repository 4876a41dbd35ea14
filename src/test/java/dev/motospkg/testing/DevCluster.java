package dev.motospkg.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running local API server, started and stopped through {@code scripts/dev-cluster}.
 * Lives in the root {@link ExtensionContext} store, which closes it at the end of the run.
 */
@SuppressWarnings("deprecation") // CloseableResource: kept so older JUnit 5 versions close it too
final class DevCluster implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  /** Exit code of {@code scripts/dev-cluster up} when the binaries are not installed. */
  static final int EXIT_NOT_INSTALLED = 3;

  private static final long UP_TIMEOUT_SECONDS = 300;
  private static final long DOWN_TIMEOUT_SECONDS = 60;

  private final Path projectDir;
  private final Path stateDir;
  private final Path kubeconfig;
  private final Thread shutdownHook;
  private boolean closed;

  private DevCluster(Path projectDir, Path stateDir) {
    this.projectDir = projectDir;
    this.stateDir = stateDir;
    this.kubeconfig = stateDir.resolve("kubeconfig");
    // Fallback for a JVM that exits without closing the root store (e.g. Ctrl-C).
    this.shutdownHook = new Thread(this::closeQuietly, "dev-cluster-down");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The result of trying to start the server once for the whole run. */
  record StartOutcome(DevCluster cluster, String notInstalledReason, String failure) {
  }

  static StartOutcome start() {
    Path projectDir = projectDir();
    Path script = projectDir.resolve("scripts/dev-cluster");
    if (!Files.isRegularFile(script)) {
      return new StartOutcome(null, null,
          "no " + script + " (set -Dmotospkg.project.dir to the motospkg checkout)");
    }
    Path stateDir = projectDir.resolve("target/it-cluster");
    Result up;
    try {
      up = run(projectDir, UP_TIMEOUT_SECONDS, "bash", script.toString(), "up", "--fresh", "--dir", stateDir.toString());
    } catch (IOException e) {
      return new StartOutcome(null, null, "could not run " + script + " up: " + e);
    }
    if (up.exitCode == EXIT_NOT_INSTALLED) {
      return new StartOutcome(null, errorLine(up.output), null);
    }
    System.out.print(up.output);
    if (up.exitCode != 0) {
      return new StartOutcome(null, null, "scripts/dev-cluster up --fresh --dir " + stateDir + " failed (exit "
          + up.exitCode + "):\n" + up.output);
    }
    DevCluster cluster = new DevCluster(projectDir, stateDir);
    if (!Files.isRegularFile(cluster.kubeconfig)) {
      cluster.close();
      return new StartOutcome(null, null, "scripts/dev-cluster up wrote no " + cluster.kubeconfig + ":\n" + up.output);
    }
    return new StartOutcome(cluster, null, null);
  }

  Path kubeconfig() {
    return kubeconfig;
  }

  Path stateDir() {
    return stateDir;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // called from the hook itself
    }
    try {
      Result down = run(projectDir, DOWN_TIMEOUT_SECONDS, "bash",
          projectDir.resolve("scripts/dev-cluster").toString(), "down", "--dir", stateDir.toString());
      System.out.print(down.output);
      if (down.exitCode != 0) {
        System.err.println("[motospkg ITs] scripts/dev-cluster down failed (exit " + down.exitCode + "):\n" + down.output);
      }
    } catch (IOException e) {
      System.err.println("[motospkg ITs] could not run scripts/dev-cluster down: " + e);
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException ignored) {
      // best effort at JVM exit
    }
  }

  static Path projectDir() {
    String dir = System.getProperty("motospkg.project.dir");
    if (dir == null || dir.isBlank()) {
      dir = System.getProperty("user.dir");
    }
    return Path.of(dir).toAbsolutePath().normalize();
  }

  private record Result(int exitCode, String output) {
  }

  /** Runs a command and returns its exit code and output (stdout and stderr). */
  private static Result run(Path dir, long timeoutSeconds, String... command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process = pb.start();
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          synchronized (output) {
            output.append(line).append('\n');
          }
        }
      } catch (IOException e) {
        synchronized (output) {
          output.append("(reading output failed: ").append(e).append(")\n");
        }
      }
    }, "dev-cluster-output");
    reader.start();
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        reader.join(5000);
        return new Result(-1, output + "(timed out after " + timeoutSeconds + "s: " + String.join(" ", command) + ")\n");
      }
      reader.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while running " + String.join(" ", command), e);
    }
    synchronized (output) {
      return new Result(process.exitValue(), output.toString());
    }
  }

  private static String errorLine(String output) {
    List<String> errors = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.contains("ERROR:")) {
        errors.add(line.substring(line.indexOf("ERROR:") + "ERROR:".length()).trim());
      }
    }
    return errors.isEmpty() ? output.trim() : String.join("; ", errors);
  }
}
