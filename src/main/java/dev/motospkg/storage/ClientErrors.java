package dev.motospkg.storage;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * One translation of client failures for the cluster-backed store and locks: an unreachable
 * server is said as such (with the server and context), a server refusal with its message.
 */
final class ClientErrors {
    private ClientErrors() {
    }

    /** @param permissionHint what the user's credentials must allow, for 401/403 */
    static MotosException failure(String context, KubernetesClientException e, KubernetesClient client,
            String permissionHint) {
        if (e.getCode() <= 0 && ioCause(e)) {
            String why = dev.motospkg.kube.KubeErrors.untrusted(e) ? "the server's certificate is not signed by the"
                    + " certificate authority the kubeconfig names for this cluster" : rootMessage(e);
            return new MotosException(ExitCode.FAILED, "cannot reach the Kubernetes API server (" + where(client)
                    + "): " + why, "check the context with `kubectl cluster-info`; for minikube: "
                    + "`minikube start` then `minikube update-context`; for the local API server: "
                    + "`scripts/dev-cluster up` and the printed `export KUBECONFIG=...`", e);
        }
        String hint = switch (e.getCode()) {
            // 401 is who you are (authentication), 403 what you may do (RBAC)
            case 401 -> "the server did not accept the credentials (401 Unauthorized: expired or wrong token or"
                    + " certificate); log in again and check with `kubectl get namespaces`";
            case 403 -> permissionHint;
            case 409 -> "another command changed the release meanwhile; retry";
            default -> null;
        };
        String detail = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : e.getMessage();
        return new MotosException(ExitCode.FAILED, context + ": " + detail, hint, e);
    }

    /** No HTTP status and an I/O failure underneath: the request never got an answer. */
    private static boolean ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    private static String where(KubernetesClient client) {
        var config = client.getConfiguration();
        String ctx = config.getCurrentContext() != null ? config.getCurrentContext().getName() : null;
        return (ctx != null ? "context " + ctx + ", " : "") + "server " + config.getMasterUrl();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException
                ? "connection refused" : (m != null ? m : t.getClass().getSimpleName());
    }
}
