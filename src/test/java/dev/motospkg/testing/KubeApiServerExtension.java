package dev.motospkg.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link RealCluster}: one local Kubernetes API server per test run
 * and one fresh namespace per test.
 *
 * <ul>
 *   <li>The server is started lazily, the first time a test needs it, by
 *       {@code scripts/dev-cluster up --fresh --dir target/it-cluster} (project dir from system property
 *       {@code motospkg.project.dir}, else {@code user.dir}); it is kept in the root store and
 *       stopped by {@code scripts/dev-cluster down} when the run ends.</li>
 *   <li>Parameters of type {@link TestCluster} and {@link ControllerPlayer} are injected. Each
 *       test method gets its own namespace, created before it and deleted after it (best effort;
 *       it stays Terminating, the local server has no namespace controller).</li>
 *   <li>Binaries not installed: the tests fail when {@code motospkg.it.required=true} or env
 *       {@code CI=true}, and are skipped otherwise, with one line saying to run
 *       {@code scripts/dev-cluster install}. Any other start failure fails the tests.</li>
 * </ul>
 */
public final class KubeApiServerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(KubeApiServerExtension.class);
  private static final String SERVER_KEY = "dev-cluster";
  private static final String INSTALL_HINT = "scripts/dev-cluster install";

  @Override
  public void beforeAll(ExtensionContext context) {
    // Starts the server (or fails the class) early; a skip is left to beforeEach so that each
    // test is reported as skipped (a class skipped as a whole counts as no test at all).
    DevCluster.StartOutcome outcome = outcome(context);
    if (outcome.failure() != null || required()) {
      requireServer(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    requireServer(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == TestCluster.class || type == ControllerPlayer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
    TestCluster cluster = testCluster(context);
    return parameterContext.getParameter().getType() == ControllerPlayer.class ? cluster.controllerPlayer() : cluster;
  }

  /** Whether ITs must run (fail instead of skip when the API server is not installed). */
  static boolean required() {
    return Boolean.getBoolean("motospkg.it.required") || "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static DevCluster.StartOutcome outcome(ExtensionContext context) {
    return context.getRoot().getStore(STORE).getOrComputeIfAbsent(SERVER_KEY, key -> startOnce(), StartHolder.class).outcome;
  }

  private static DevCluster requireServer(ExtensionContext context) {
    DevCluster.StartOutcome outcome = outcome(context);
    if (outcome.failure() != null) {
      throw new IllegalStateException("the local Kubernetes API server did not start: " + outcome.failure());
    }
    if (outcome.notInstalledReason() != null) {
      if (required()) {
        throw new IllegalStateException("integration tests are required here (CI=true or -Dmotospkg.it.required=true)"
            + " but the local Kubernetes API server is not installed: " + withHint(outcome.notInstalledReason()));
      }
      Assumptions.abort("no local Kubernetes API server: run " + INSTALL_HINT);
    }
    return outcome.cluster();
  }

  private static StartHolder startOnce() {
    DevCluster.StartOutcome outcome = DevCluster.start();
    if (outcome.notInstalledReason() != null && !required()) {
      // The one line a developer without the binaries sees.
      System.out.println("[motospkg ITs] SKIPPING the tests that need a Kubernetes API server: "
          + withHint(outcome.notInstalledReason()));
    }
    return new StartHolder(outcome);
  }

  private static String withHint(String reason) {
    return reason.contains(INSTALL_HINT) ? reason : reason + ": run " + INSTALL_HINT;
  }

  /** Holds the one start outcome of the run; closing it stops the server. */
  @SuppressWarnings("deprecation")
  private static final class StartHolder implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final DevCluster.StartOutcome outcome;

    StartHolder(DevCluster.StartOutcome outcome) {
      this.outcome = outcome;
    }

    @Override
    public void close() {
      if (outcome.cluster() != null) {
        outcome.cluster().close();
      }
    }
  }

  private static TestCluster testCluster(ExtensionContext context) {
    DevCluster server = requireServer(context);
    // keyed by unique id: the store also looks in parents, and each test needs its own namespace
    return context.getStore(STORE).getOrComputeIfAbsent("test-cluster:" + context.getUniqueId(),
        key -> new NamespaceResource(createNamespaced(server, context)), NamespaceResource.class).cluster;
  }

  private static TestCluster createNamespaced(DevCluster server, ExtensionContext context) {
    String namespace = namespaceName(context);
    TestCluster cluster = new TestCluster(server.kubeconfig(), namespace);
    try {
      cluster.client().namespaces().resource(new NamespaceBuilder()
          .withNewMetadata().withName(namespace).addToLabels("motospkg.dev/test", "true").endMetadata()
          .build()).create();
    } catch (RuntimeException e) {
      cluster.close();
      throw new ParameterResolutionException("cannot create test namespace " + namespace + ": " + e.getMessage(), e);
    }
    return cluster;
  }

  /** A DNS label: "it-" + class/method name, shortened, + random suffix. */
  static String namespaceName(ExtensionContext context) {
    String base = context.getTestClass().map(Class::getSimpleName).orElse("test")
        + context.getTestMethod().map(m -> "-" + m.getName()).orElse("");
    String cleaned = base.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-").replaceAll("^-|-$", "");
    String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36, 36 * 36 * 36 * 36 * 36), 36);
    int room = 63 - "it-".length() - 1 - suffix.length();
    if (cleaned.length() > room) {
      cleaned = cleaned.substring(0, room).replaceAll("-+$", "");
    }
    return "it-" + cleaned + "-" + suffix;
  }

  /** Deletes the test's namespace (best effort) and closes its client when the test's context closes. */
  @SuppressWarnings("deprecation")
  private static final class NamespaceResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final TestCluster cluster;

    NamespaceResource(TestCluster cluster) {
      this.cluster = cluster;
    }

    @Override
    public void close() {
      KubernetesClient client = cluster.client();
      try {
        client.namespaces().withName(cluster.namespace()).delete();
      } catch (RuntimeException e) {
        System.err.println("[motospkg ITs] could not delete namespace " + cluster.namespace() + ": " + e.getMessage());
      } finally {
        cluster.close();
      }
    }
  }
}
