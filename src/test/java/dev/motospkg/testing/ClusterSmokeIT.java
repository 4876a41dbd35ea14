package dev.motospkg.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Proves the local API server and the {@link RealCluster} harness work end to end. */
@RealCluster
class ClusterSmokeIT {

  private static final String FIELD_MANAGER = "motospkg-it";

  @Test
  void configMapCreateApplyReadDelete(TestCluster cluster) {
    assertTrue(Files.isRegularFile(cluster.kubeconfig()), "kubeconfig " + cluster.kubeconfig());
    KubernetesClient client = cluster.client();
    String ns = cluster.namespace();
    assertNotNull(client.namespaces().withName(ns).get(), "test namespace exists");

    ConfigMap created = client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("smoke").endMetadata()
        .withData(Map.of("a", "1")).build()).create();
    assertEquals("1", created.getData().get("a"));

    ConfigMap applied = client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
            .withNewMetadata().withName("smoke").addToLabels("app", "motos").endMetadata()
            .withData(Map.of("a", "2", "b", "3")).build())
        .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    assertEquals("2", applied.getData().get("a"));
    assertTrue(applied.getMetadata().getManagedFields().stream()
        .anyMatch(f -> FIELD_MANAGER.equals(f.getManager()) && "Apply".equals(f.getOperation())),
        "managedFields name the field manager");

    ConfigMap read = client.configMaps().inNamespace(ns).withName("smoke").get();
    assertEquals(Map.of("a", "2", "b", "3"), read.getData());
    assertEquals("motos", read.getMetadata().getLabels().get("app"));

    client.configMaps().inNamespace(ns).withName("smoke").delete();
    client.configMaps().inNamespace(ns).withName("smoke").waitUntilCondition(cm -> cm == null, 30, TimeUnit.SECONDS);
    assertNull(client.configMaps().inNamespace(ns).withName("smoke").get());
  }

  @Test
  void deploymentMarkedAvailableByControllerPlayer(TestCluster cluster, ControllerPlayer controller) {
    KubernetesClient client = cluster.client();
    Deployment deployment = new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace(cluster.namespace()).endMetadata()
        .withNewSpec().withReplicas(2)
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.25")
        // SSA on 1.20 needs the protocol: it is part of the ports list's merge key
        .addNewPort().withContainerPort(80).withProtocol("TCP").endPort()
        .endContainer().endSpec().endTemplate().endSpec().build();
    client.apps().deployments().resource(deployment).fieldManager(FIELD_MANAGER).serverSideApply();

    Deployment before = client.apps().deployments().withName("web").get();
    assertNull(before.getStatus() == null ? null : before.getStatus().getAvailableReplicas(),
        "no controller: nothing is available yet");

    controller.markDeploymentAvailable("web");

    Deployment after = client.apps().deployments().withName("web").get();
    assertEquals(after.getMetadata().getGeneration(), after.getStatus().getObservedGeneration());
    assertEquals(2, after.getStatus().getReplicas());
    assertEquals(2, after.getStatus().getUpdatedReplicas());
    assertEquals(2, after.getStatus().getReadyReplicas());
    assertEquals(2, after.getStatus().getAvailableReplicas());
    assertTrue(after.getStatus().getConditions().stream()
        .anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus())));
  }

  @Test
  void pvcBoundAndReleasedByControllerPlayer(TestCluster cluster) {
    KubernetesClient client = cluster.client();
    ControllerPlayer controller = cluster.controllerPlayer();
    client.persistentVolumeClaims().resource(new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName("data").endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce")
        .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
        .endSpec().build()).create();

    PersistentVolumeClaim bound = controller.markPvcBound("data");
    assertEquals("Bound", bound.getStatus().getPhase());
    assertEquals(new Quantity("1Gi"), bound.getStatus().getCapacity().get("storage"));

    client.persistentVolumeClaims().withName("data").delete();
    PersistentVolumeClaim terminating = client.persistentVolumeClaims().withName("data").get();
    assertNotNull(terminating, "pvc-protection finalizer keeps the deleted claim");
    assertNotNull(terminating.getMetadata().getDeletionTimestamp());

    controller.clearPvcFinalizers("data");
    client.persistentVolumeClaims().withName("data").waitUntilCondition(p -> p == null, 30, TimeUnit.SECONDS);
  }
}
