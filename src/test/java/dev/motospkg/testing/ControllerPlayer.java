package dev.motospkg.testing;

import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plays the controllers that the local API server lacks.
 *
 * <p>{@code scripts/dev-cluster} runs only etcd and kube-apiserver: no controller-manager, no
 * scheduler, no kubelet. So nothing ever updates a Deployment's status, binds a
 * PersistentVolumeClaim or removes finalizers (pvc-protection, namespace finalizers). A test
 * that waits for such a thing calls these methods to do by hand what the missing controller
 * would do, writing the objects' {@code status} subresource or metadata.
 *
 * <p>All methods work in the namespace given at construction (the test's own namespace when
 * injected by {@link KubeApiServerExtension}) and return the object as the server stored it.
 */
public final class ControllerPlayer {

  private final KubernetesClient client;
  private final String namespace;

  public ControllerPlayer(KubernetesClient client, String namespace) {
    this.client = Objects.requireNonNull(client, "client");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
  }

  /**
   * Plays the deployment controller and kubelets: sets the Deployment's status as if all its
   * replicas were rolled out and ready. {@code observedGeneration} = {@code metadata.generation};
   * {@code replicas}, {@code updatedReplicas}, {@code readyReplicas} and {@code availableReplicas}
   * = {@code spec.replicas} (1 when unset); conditions Available=True and
   * Progressing=True (NewReplicaSetAvailable).
   *
   * @throws IllegalStateException when the Deployment does not exist
   */
  public Deployment markDeploymentAvailable(String name) {
    Deployment d = writeAvailableStatus(name);
    // Its pods being ready, the endpoints controller would list them behind the Service of that
    // name (the chart names each Service after its Deployment).
    if (client.services().inNamespace(namespace).withName(name).get() != null) {
      markEndpointsReady(name);
    }
    return d;
  }

  private Deployment writeAvailableStatus(String name) {
    Deployment current = client.apps().deployments().inNamespace(namespace).withName(name).get();
    if (current == null) {
      throw new IllegalStateException("no Deployment " + namespace + "/" + name);
    }
    int replicas = current.getSpec() != null && current.getSpec().getReplicas() != null
        ? current.getSpec().getReplicas() : 1;
    String now = now();
    DeploymentCondition available = new DeploymentConditionBuilder()
        .withType("Available").withStatus("True")
        .withReason("MinimumReplicasAvailable").withMessage("Deployment has minimum availability.")
        .withLastTransitionTime(now).withLastUpdateTime(now).build();
    DeploymentCondition progressing = new DeploymentConditionBuilder()
        .withType("Progressing").withStatus("True")
        .withReason("NewReplicaSetAvailable").withMessage("ReplicaSet \"" + name + "\" has successfully progressed.")
        .withLastTransitionTime(now).withLastUpdateTime(now).build();
    return client.apps().deployments().inNamespace(namespace).withName(name).editStatus(d -> {
      DeploymentStatus status = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
      status.setObservedGeneration(d.getMetadata().getGeneration());
      status.setReplicas(replicas);
      status.setUpdatedReplicas(replicas);
      status.setReadyReplicas(replicas);
      status.setAvailableReplicas(replicas);
      status.setUnavailableReplicas(null);
      List<DeploymentCondition> conditions = new ArrayList<>();
      if (status.getConditions() != null) {
        for (DeploymentCondition c : status.getConditions()) {
          if (!"Available".equals(c.getType()) && !"Progressing".equals(c.getType())) {
            conditions.add(c);
          }
        }
      }
      conditions.add(available);
      conditions.add(progressing);
      status.setConditions(conditions);
      d.setStatus(status);
      return d;
    });
  }

  /**
   * Plays the persistent-volume controller: sets the claim's {@code status.phase} to Bound with
   * {@code status.capacity} = {@code spec.resources.requests} (its storage request) and
   * {@code status.accessModes} = {@code spec.accessModes}. Binds to no PersistentVolume.
   *
   * @throws IllegalStateException when the claim does not exist
   */
  public PersistentVolumeClaim markPvcBound(String name) {
    PersistentVolumeClaim current = client.persistentVolumeClaims().inNamespace(namespace).withName(name).get();
    if (current == null) {
      throw new IllegalStateException("no PersistentVolumeClaim " + namespace + "/" + name);
    }
    return client.persistentVolumeClaims().inNamespace(namespace).withName(name).editStatus(pvc -> {
      PersistentVolumeClaimStatus status = pvc.getStatus() == null ? new PersistentVolumeClaimStatus() : pvc.getStatus();
      Map<String, Quantity> capacity = new HashMap<>();
      if (pvc.getSpec() != null && pvc.getSpec().getResources() != null
          && pvc.getSpec().getResources().getRequests() != null) {
        Quantity storage = pvc.getSpec().getResources().getRequests().get("storage");
        if (storage != null) {
          capacity.put("storage", storage);
        }
      }
      status.setPhase("Bound");
      status.setCapacity(capacity);
      if (pvc.getSpec() != null) {
        status.setAccessModes(pvc.getSpec().getAccessModes());
      }
      pvc.setStatus(status);
      return pvc;
    });
  }

  /**
   * Plays the endpoints controller: gives the Service one ready address (10.0.0.1) on each of
   * its ports, as if one pod it selects were ready.
   *
   * @throws IllegalStateException when the Service does not exist
   */
  public Endpoints markEndpointsReady(String service) {
    Service svc = client.services().inNamespace(namespace).withName(service).get();
    if (svc == null) {
      throw new IllegalStateException("no Service " + namespace + "/" + service);
    }
    List<EndpointPort> ports = new ArrayList<>();
    for (ServicePort p : svc.getSpec().getPorts()) {
      ports.add(new EndpointPort(null, p.getName(), p.getPort(), p.getProtocol()));
    }
    Endpoints endpoints = new EndpointsBuilder().withNewMetadata().withName(service).withNamespace(namespace).endMetadata()
        .addNewSubset().addNewAddress().withIp("10.0.0.1").endAddress().withPorts(ports).endSubset().build();
    return client.endpoints().inNamespace(namespace).resource(endpoints).createOrReplace();
  }

  /**
   * Plays the pvc-protection controller: removes all finalizers of the claim, so a deleted
   * claim goes away. Returns the claim, or {@code null} when that let the server delete it
   * (or it did not exist).
   */
  public PersistentVolumeClaim clearPvcFinalizers(String name) {
    PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(namespace).withName(name).get();
    return pvc == null ? null : clearFinalizers(pvc);
  }

  /**
   * Removes all finalizers of any object (apiVersion, kind and name taken from {@code resource};
   * its namespace, or this player's namespace when it has none and the kind is namespaced).
   * Returns the object as stored, or {@code null} when that let the server delete it (or it did
   * not exist).
   */
  public <T extends HasMetadata> T clearFinalizers(T resource) {
    Objects.requireNonNull(resource, "resource");
    try {
      Resource<T> scoped = client.resource(resource);
      if (resource instanceof Namespaced && resource.getMetadata().getNamespace() == null) {
        scoped = client.resource(resource).inNamespace(namespace);
      }
      if (scoped.get() == null) {
        return null;
      }
      T patched = scoped.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
      return scoped.get() == null ? null : patched;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
