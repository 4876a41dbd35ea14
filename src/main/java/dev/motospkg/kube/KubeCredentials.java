package dev.motospkg.kube;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a kubeconfig user entry authenticates with, read without contacting the server: token,
 * client certificate (and when it expires), exec plugin (and whether its command is on PATH).
 * Secret values are never put into findings, only their kind and where they come from.
 */
final class KubeCredentials {

    /** A client certificate expiring within this is worth a warning: renewing takes a person. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private KubeCredentials() {
    }

    /** "a bearer token", "a client certificate", ...: how the user authenticates, for later findings. */
    static String kind(Map<?, ?> user) {
        if (user == null || user.isEmpty()) {
            return "no credentials";
        }
        if (user.get("exec") instanceof Map<?, ?> exec) {
            return "the exec plugin `" + exec.get("command") + "`";
        }
        if (user.get("auth-provider") instanceof Map<?, ?> provider) {
            return "the auth provider " + provider.get("name");
        }
        if (user.get("token") != null || user.get("tokenFile") != null) {
            return "a bearer token";
        }
        if (user.get("client-certificate") != null || user.get("client-certificate-data") != null) {
            return "a client certificate";
        }
        if (user.get("username") != null) {
            return "a user name and password";
        }
        return "no credentials";
    }

    static List<Diagnosis.Finding> findings(String userName, Map<?, ?> user, Path kubeconfigDir, Map<String, String> env,
            Clock clock) {
        List<Diagnosis.Finding> out = new ArrayList<>();
        String who = userName == null ? "the context names no user" : "user " + KubeConfigSources.quote(userName);
        String kind = kind(user);
        if (kind.equals("no credentials")) {
            out.add(Diagnosis.Finding.warning("Credentials", who + " has no credentials: the server will treat every"
                    + " request as system:anonymous, which may read /version but nothing of a release.",
                    "add a token or client certificate to the user entry, or use the context your cluster tool wrote"
                            + " (`kubectl config get-contexts`)."));
            return out;
        }
        StringBuilder text = new StringBuilder(who + " authenticates with " + kind);
        if (user.get("tokenFile") != null && user.get("token") == null) {
            Path file = resolve(kubeconfigDir, String.valueOf(user.get("tokenFile")));
            text.append(" read from ").append(file);
            if (!Files.isRegularFile(file)) {
                out.add(Diagnosis.Finding.problem("Credentials", who + "'s tokenFile " + file + " does not exist.",
                        "create it or correct tokenFile in the kubeconfig."));
            }
        }
        if (user.get("exec") instanceof Map<?, ?> exec && exec.get("command") != null) {
            String command = String.valueOf(exec.get("command"));
            if (!onPath(command, env)) {
                out.add(Diagnosis.Finding.problem("Credentials", who + " gets its credentials from the exec plugin `"
                        + command + "`, which is not on PATH: every request would fail before reaching the server.",
                        "install it (e.g. the cloud provider's CLI) or put it on PATH."));
            }
        }
        Optional<X509Certificate> cert;
        try {
            cert = certificate(user.get("client-certificate-data"), user.get("client-certificate"), kubeconfigDir);
        } catch (IOException | CertificateException | IllegalArgumentException e) {
            out.add(Diagnosis.Finding.problem("Credentials", who + "'s client certificate cannot be read: "
                    + dev.motospkg.error.ClassNames.strip(String.valueOf(e.getMessage())) + ".",
                    "take a fresh kubeconfig from your cluster tool (for minikube: `minikube update-context`)."));
            cert = Optional.empty();
        }
        if (cert.isPresent()) {
            X509Certificate c = cert.get();
            Instant notAfter = c.getNotAfter().toInstant();
            Instant notBefore = c.getNotBefore().toInstant();
            Instant now = clock.instant();
            String subject = c.getSubjectX500Principal().getName();
            text.append(" (").append(subject).append(", valid until ").append(notAfter).append(')');
            if (now.isAfter(notAfter)) {
                out.add(Diagnosis.Finding.problem("Credentials", who + "'s client certificate (" + subject + ") expired"
                        + " on " + notAfter + ": the server will answer 401 Unauthorized.",
                        "renew it: for minikube `minikube start` renews it, for kubeadm `kubeadm certs renew`, else"
                                + " ask whoever issued it; then take the new kubeconfig."));
            } else if (now.isBefore(notBefore)) {
                out.add(Diagnosis.Finding.problem("Credentials", who + "'s client certificate is not valid before "
                        + notBefore + ": is this machine's clock right?", "check the clock (`date -u`)."));
            } else if (Duration.between(now, notAfter).compareTo(EXPIRY_WARNING) < 0) {
                out.add(Diagnosis.Finding.warning("Credentials", who + "'s client certificate (" + subject
                        + ") expires on " + notAfter + ", in " + Duration.between(now, notAfter).toDays() + " days.",
                        "renew it before then (for kubeadm: `kubeadm certs renew`)."));
            }
        }
        text.append('.');
        out.add(0, Diagnosis.Finding.ok("Credentials", text.toString()));
        return out;
    }

    /** The certificate from {@code *-data} (base64 PEM) or a file, relative to the kubeconfig's directory. */
    static Optional<X509Certificate> certificate(Object data, Object file, Path kubeconfigDir)
            throws IOException, CertificateException {
        byte[] pem;
        if (data != null && !String.valueOf(data).isEmpty()) {
            pem = Base64.getMimeDecoder().decode(String.valueOf(data));
        } else if (file != null && !String.valueOf(file).isEmpty()) {
            Path path = resolve(kubeconfigDir, String.valueOf(file));
            if (!Files.isRegularFile(path)) {
                throw new IOException("no file " + path);
            }
            pem = Files.readAllBytes(path);
        } else {
            return Optional.empty();
        }
        var generated = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
        return generated instanceof X509Certificate x ? Optional.of(x) : Optional.empty();
    }

    private static Path resolve(Path dir, String file) {
        Path p = Path.of(file);
        return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
    }

    private static boolean onPath(String command, Map<String, String> env) {
        if (command.contains(File.separator)) {
            return Files.isExecutable(Path.of(command));
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
