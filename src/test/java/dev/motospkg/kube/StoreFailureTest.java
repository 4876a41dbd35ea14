package dev.motospkg.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.motospkg.error.MotosException;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** The release store's and locks' failures, in the words of every other request (KubeErrors owns both). */
class StoreFailureTest {

    @Test
    void unreachableServerIsSaidAsSuchWithTheServer() {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build()).build()) {
            var e = new KubernetesClientException("Operation: [list] failed.",
                    new IOException(new ConnectException()));
            MotosException m = KubeErrors.storeFailure("cannot read the history", e, client, "rbac");
            assertTrue(m.getMessage().startsWith("cannot reach the Kubernetes API server (server https://127.0.0.1:1/)"),
                    m.getMessage());
            assertTrue(m.getMessage().endsWith("connection refused"), m.getMessage());
            assertTrue(m.hint().contains("minikube update-context"), m.hint());
        }
    }

    @Test
    void forbiddenGetsThePermissionHint() {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build()).build()) {
            var e = new KubernetesClientException(new StatusBuilder().withCode(403)
                    .withMessage("secrets is forbidden").build());
            MotosException m = KubeErrors.storeFailure("cannot store release motos.v1", e, client, "ask for Secrets");
            assertEquals("cannot store release motos.v1: secrets is forbidden", m.getMessage());
            assertEquals("ask for Secrets", m.hint());
        }
    }

    @Test
    void unauthorizedIsAuthenticationNotRbac() {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build()).build()) {
            var e = new KubernetesClientException(new StatusBuilder().withCode(401).withMessage("Unauthorized").build());
            MotosException m = KubeErrors.storeFailure("cannot take the lock of release motos", e, client, "ask for Leases");
            assertEquals("cannot take the lock of release motos: the server did not accept the credentials of user (none)"
                    + " (401 Unauthorized): Unauthorized", m.getMessage());
            assertEquals("the token or certificate may have expired or be wrong; log in again and check with"
                    + " `kubectl get namespaces`", m.hint());
        }
    }

    @Test
    void aWrongCertificateAuthorityIsSaidPlainly() {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build()).build()) {
            var e = new KubernetesClientException("Operation: [get] failed.", new javax.net.ssl.SSLHandshakeException(
                    "PKIX path validation failed: java.security.cert.CertPathValidatorException: Path does not chain"
                            + " with any of the trust anchors"));
            MotosException m = KubeErrors.storeFailure("cannot read the history", e, client, "rbac");
            assertEquals("cannot reach the Kubernetes API server (server https://127.0.0.1:1/): the server's certificate"
                    + " is not signed by the certificate authority the kubeconfig names for this cluster", m.getMessage());
        }
    }
}
