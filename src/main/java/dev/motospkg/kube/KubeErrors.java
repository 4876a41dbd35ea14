package dev.motospkg.kube;

import dev.motospkg.error.ExitCode;
import dev.motospkg.error.MotosException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The one translation of fabric8 exceptions (the cluster's requests, and the release store's and
 * locks'): one MotosException with the object, the server's own words and what to do, so users
 * never see a client stack trace. Connection failures and server refusals are told apart because
 * their remedies differ (start the cluster vs. fix the manifest or RBAC); 401 is who you are, 403
 * what you may do.
 */
public final class KubeErrors {

    private KubeErrors() {
    }

    /** Where requests go, in messages: from the connection, or from a bare client (the store's and locks'). */
    private record Where(String describe, String context, String user, Duration connectTimeout,
            Duration requestTimeout) {

        static Where of(KubeConnection c) {
            return new Where(c.describe(), c.context(), c.user(), c.connectTimeout(), c.requestTimeout());
        }

        static Where of(KubernetesClient client) {
            Config config = client.getConfiguration();
            NamedContext named = config.getCurrentContext();
            String context = named != null ? named.getName() : null;
            String user = named != null && named.getContext() != null ? named.getContext().getUser() : null;
            return new Where((context != null ? "context " + context + ", " : "") + "server " + config.getMasterUrl(),
                    context, user, Duration.ofMillis(config.getConnectionTimeout()),
                    Duration.ofMillis(config.getRequestTimeout()));
        }
    }

    /**
     * A failure of the release store or locks, which hold the client rather than the connection.
     *
     * @param context        what failed, e.g. "cannot store release motos.v1"
     * @param permissionHint what the credentials must allow (for a 403)
     */
    public static MotosException storeFailure(String context, KubernetesClientException e, KubernetesClient client,
            String permissionHint) {
        Where where = Where.of(client);
        if (connectionFailure(e) != null || e.getCode() <= 0) {
            MotosException m = unreachable(where, connectionFailure(e) != null ? connectionFailure(e) : e);
            return new MotosException(ExitCode.FAILED, m.getMessage(), m.hint(), e);
        }
        String serverSays = serverMessage(e.getStatus(), e);
        if (e.getCode() == 401) {
            return new MotosException(ExitCode.FAILED, context + ": " + unauthorized(where) + ": " + serverSays,
                    unauthorizedHint(where), e);
        }
        String hint = switch (e.getCode()) {
            case 403 -> permissionHint;
            case 409 -> "another command changed the release meanwhile; retry";
            default -> e.getCode() == 429 || e.getCode() >= 500 ? "the API server is overloaded or unhealthy; retry later"
                    : null;
        };
        return new MotosException(ExitCode.FAILED, context + ": " + serverSays, hint, e);
    }

    /** 401 is authentication (who you are), never an RBAC question. */
    private static String unauthorized(Where where) {
        return "the server did not accept the credentials of user " + (where.user() == null ? "(none)" : where.user())
                + " (401 Unauthorized)";
    }

    private static String unauthorizedHint(Where where) {
        return "the token or certificate may have expired or be wrong; log in again and check with `kubectl"
                + (where.context() == null ? "" : " --context " + where.context()) + " get namespaces`";
    }

    /**
     * @param action "apply", "get", "delete", "list", "reach"
     * @param what   the object, e.g. "Deployment/motos-app/backend"
     */
    static MotosException translate(String action, String what, RuntimeException e, KubeConnection conn) {
        if (e instanceof MotosException m) {
            return m;
        }
        Throwable io = connectionFailure(e);
        int code = e instanceof KubernetesClientException k ? k.getCode() : 0;
        if (io != null || code <= 0) {
            return unreachable(conn, io != null ? io : e);
        }
        Status status = ((KubernetesClientException) e).getStatus();
        String serverSays = serverMessage(status, e);
        String prefix = "cannot " + action + " " + what + " (" + conn.describe() + "): ";
        String user = conn.user() == null ? "(none)" : conn.user();
        return switch (code) {
            case 401 -> MotosException.failed(prefix + unauthorized(Where.of(conn)) + ": " + serverSays,
                    unauthorizedHint(Where.of(conn)));
            case 403 -> MotosException.failed(prefix + "forbidden (403): " + serverSays,
                    "RBAC: user " + user + " of context " + conn.context() + " lacks this permission; ask a cluster"
                            + " admin for a Role/ClusterRole binding, check with `kubectl --context " + conn.context()
                            + " auth can-i " + verb(action) + " <resource>`");
            case 404 -> MotosException.failed(prefix + "not found (404): " + serverSays,
                    "does the namespace exist, and does the server know this kind (CRD installed)?");
            case 409 -> MotosException.failed(prefix + "conflict (409): " + serverSays,
                    "the object changed meanwhile or is being deleted; run the command again");
            case 422 -> MotosException.failed(prefix + "the server rejected it as invalid (422): " + serverSays,
                    "fix the manifest; `motospkg template` shows what is sent");
            case 400 -> MotosException.failed(prefix + "bad request (400): " + serverSays,
                    "fix the manifest; `motospkg template` shows what is sent");
            default -> MotosException.failed(prefix + "server error (" + code + "): " + serverSays,
                    code == 429 || code >= 500 ? "the API server is overloaded or unhealthy; retry later" : null);
        };
    }

    static MotosException unreachable(KubeConnection conn, Throwable cause) {
        return unreachable(Where.of(conn), cause);
    }

    private static MotosException unreachable(Where conn, Throwable cause) {
        String why;
        String hint = KubeConfigFile.CLUSTER_HINT;
        Throwable root = connectionFailure(cause);
        if (root instanceof HttpConnectTimeoutException) {
            why = "connection timed out after " + conn.connectTimeout().toSeconds() + "s";
        } else if (root instanceof HttpTimeoutException || root instanceof java.io.InterruptedIOException) {
            // OkHttp says SocketTimeoutException/InterruptedIOException, the JDK client HttpTimeoutException
            boolean connecting = root.getMessage() != null && root.getMessage().toLowerCase().contains("connect");
            why = connecting ? "connection timed out after " + conn.connectTimeout().toSeconds() + "s"
                    : "no answer within " + conn.requestTimeout().toMillis() / 1000.0 + "s";
        } else if (root instanceof ConnectException) {
            why = "connection refused";
        } else if (root instanceof UnknownHostException) {
            why = "unknown host " + root.getMessage();
        } else if (root instanceof SSLException) {
            why = untrusted(root) ? "the server's certificate is not signed by the certificate authority the"
                    + " kubeconfig names for this cluster" : "TLS failed: " + root.getMessage();
            hint = "the kubeconfig's certificate-authority does not match the server (stale kubeconfig?); "
                    + KubeConfigFile.CLUSTER_HINT;
        } else {
            why = rootMessage(cause);
        }
        String message = "cannot reach the Kubernetes API server (" + conn.describe() + "): " + why;
        // refused, reset or slow: what a restarting server looks like; a TLS or DNS failure does not pass
        return root instanceof SSLException || root instanceof UnknownHostException
                ? MotosException.failed(message, hint) : MotosException.temporary(message, hint);
    }

    /** PKIX's words ("Path does not chain with any of the trust anchors", ...) for a CA that does not match. */
    public static boolean untrusted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (m.contains("trust anchor") || m.contains("PKIX") || m.contains("unable to find valid certification path")
                    || t instanceof java.security.cert.CertPathValidatorException) {
                return true;
            }
        }
        return false;
    }

    static MotosException notKubernetes(KubeConnection conn, String path) {
        return MotosException.failed("the server of " + conn.describe() + " answered, but not like a Kubernetes"
                + " API server (GET " + path + ": not found)", "check the server URL in the kubeconfig, and any"
                + " HTTPS_PROXY/NO_PROXY setting in between; " + KubeConfigFile.CLUSTER_HINT);
    }

    /**
     * The IOException in the cause chain, if any: the request never got an HTTP answer. The JDK
     * nests them (ConnectException around ClosedChannelException), so the most telling one wins.
     */
    static Throwable connectionFailure(Throwable e) {
        Throwable firstIo = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException) {
                // fabric8's whole-request deadline: no answer in time
                return new HttpTimeoutException("request timed out");
            }
            if (t instanceof HttpTimeoutException || t instanceof ConnectException
                    || t instanceof UnknownHostException || t instanceof SSLException
                    || t instanceof java.io.InterruptedIOException) {
                return t;
            }
            if (firstIo == null && t instanceof IOException) {
                firstIo = t;
            }
        }
        return firstIo;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return msg == null || msg.isBlank() ? "no details given" : dev.motospkg.error.ClassNames.strip(msg);
    }

    /** Status.message, plus the causes it does not already mention. */
    private static String serverMessage(Status status, RuntimeException e) {
        if (status == null || status.getMessage() == null) {
            return rootMessage(e);
        }
        String message = withoutGoStructs(status.getMessage());
        List<String> extra = new ArrayList<>();
        if (status.getDetails() != null && status.getDetails().getCauses() != null) {
            for (StatusCause cause : status.getDetails().getCauses()) {
                String text = (cause.getField() == null ? "" : cause.getField() + ": ")
                        + (cause.getMessage() == null ? "" : cause.getMessage());
                if (cause.getMessage() != null && !message.contains(cause.getMessage())) {
                    extra.add(text);
                }
            }
        }
        return extra.isEmpty() ? message : message + " (" + String.join("; ", extra) + ")";
    }

    /**
     * The API server appends a Go struct diff to some refusals ("core.PersistentVolumeClaimSpec{...}"):
     * what it means is in the sentence before it, said plainly for the common case.
     */
    static String withoutGoStructs(String message) {
        int struct = message.indexOf("core.");
        int brace = struct < 0 ? -1 : message.indexOf('{', struct);
        String text = struct >= 0 && brace > struct && message.substring(struct, brace).matches("core\\.\\w+")
                ? message.substring(0, struct).strip() : message;
        if (text.contains("spec is immutable after creation except resources.requests")) {
            text = text.replaceFirst("spec: Forbidden: spec is immutable after creation except resources.requests"
                    + "(?: and volumeAttributesClassName)? for bound claims", "its spec cannot change after creation,"
                    + " except a larger storage request for a bound claim (access modes, storage class and volume are"
                    + " fixed)");
        }
        return text.endsWith(":") ? text.substring(0, text.length() - 1) : text;
    }

    private static String verb(String action) {
        return switch (action) {
            case "apply" -> "patch";
            case "reach" -> "get";
            default -> action;
        };
    }
}
