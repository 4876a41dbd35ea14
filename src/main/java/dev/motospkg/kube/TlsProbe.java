package dev.motospkg.kube;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * After a TLS failure: which certificate the server presents, read by a handshake that trusts
 * anything and sends nothing (no credentials, no request). Only to say who issued it, next to whom
 * the kubeconfig trusts; it never decides whether to trust.
 */
final class TlsProbe {

    /** The server's leaf certificate: subject, issuer, the names it is valid for. */
    record Presented(String subject, String issuer, List<String> names) {
    }

    private TlsProbe() {
    }

    static Optional<Presented> presented(String server, Duration timeout) {
        URI uri = URI.create(server);
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new TrustAll()}, null);
            try (java.net.Socket raw = new java.net.Socket()) {
                raw.connect(new InetSocketAddress(uri.getHost(), port), (int) timeout.toMillis());
                raw.setSoTimeout((int) timeout.toMillis());
                try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(raw, uri.getHost(), port, false)) {
                    socket.startHandshake();
                    Certificate[] chain = socket.getSession().getPeerCertificates();
                    if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                        List<String> names = new ArrayList<>();
                        if (leaf.getSubjectAlternativeNames() != null) {
                            leaf.getSubjectAlternativeNames().forEach(n -> names.add(String.valueOf(n.get(1))));
                        }
                        return Optional.of(new Presented(leaf.getSubjectX500Principal().getName(),
                                leaf.getIssuerX500Principal().getName(), names));
                    }
                }
            }
        } catch (Exception e) {
            // a probe for a better message: without it the message is still true, only shorter
        }
        return Optional.empty();
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
