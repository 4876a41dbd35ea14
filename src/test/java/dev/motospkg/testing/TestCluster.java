package dev.motospkg.testing;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a {@link RealCluster} test gets: the local API server's kubeconfig, a fresh namespace
 * of its own and a fabric8 client (whose default namespace is that namespace).
 *
 * <p>Inject it as a parameter of a test, {@code @BeforeEach} or {@code @AfterEach} method.
 * The extension creates the namespace before the test and deletes it afterwards (best effort:
 * the local server has no namespace controller, so deleted namespaces stay Terminating).
 */
public final class TestCluster implements AutoCloseable {

  private final Path kubeconfig;
  private final String namespace;
  private final KubernetesClient client;
  private final ControllerPlayer controllerPlayer;

  TestCluster(Path kubeconfig, String namespace) {
    this.kubeconfig = kubeconfig;
    this.namespace = namespace;
    this.client = newClient(kubeconfig, namespace);
    this.controllerPlayer = new ControllerPlayer(client, namespace);
  }

  /** Path of the kubeconfig (token user, CA embedded); its current context is the local server. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** This test's own namespace, already created. */
  public String namespace() {
    return namespace;
  }

  /** A fabric8 client for the local server, with {@link #namespace()} as its default namespace. */
  public KubernetesClient client() {
    return client;
  }

  /** Plays the controllers the local server lacks, in {@link #namespace()}. */
  public ControllerPlayer controllerPlayer() {
    return controllerPlayer;
  }

  /** The API server's URL, e.g. {@code https://127.0.0.1:40123/}. */
  public String serverUrl() {
    return client.getMasterUrl().toString();
  }

  /** A new client for the local server with another default namespace; the caller closes it. */
  public KubernetesClient newClient(String defaultNamespace) {
    return newClient(kubeconfig, defaultNamespace);
  }

  static KubernetesClient newClient(Path kubeconfig, String namespace) {
    String contents;
    try {
      contents = Files.readString(kubeconfig, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
    }
    Config config = new ConfigBuilder(Config.fromKubeconfig(contents)).withNamespace(namespace).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "TestCluster[namespace=" + namespace + ", kubeconfig=" + kubeconfig + "]";
  }
}
