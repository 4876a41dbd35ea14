package dev.motospkg.kube;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minikube profile named like the context or its cluster (minikube names both after the
 * profile), read from {@code $MINIKUBE_HOME/profiles/NAME/config.json}: where minikube says the
 * node's API server is now. After a restart the node may get another IP while the kubeconfig keeps
 * the old one, and every request times out; {@code minikube update-context} rewrites it.
 */
record MinikubeProfile(String name, Path config, String ip, int port) {

    /** The minikube profile for one of these names, when there is a readable one. */
    static Optional<MinikubeProfile> find(Map<String, String> env, Path home, List<String> names) {
        Path dir = minikubeHome(env, home).resolve("profiles");
        for (String name : names) {
            if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                continue;
            }
            Path config = dir.resolve(name).resolve("config.json");
            if (Files.isRegularFile(config)) {
                Optional<MinikubeProfile> p = read(name, config);
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }

    private static Path minikubeHome(Map<String, String> env, Path home) {
        String set = env.get("MINIKUBE_HOME");
        if (set == null || set.isBlank()) {
            return home.resolve(".minikube");
        }
        Path p = Path.of(set);
        // minikube accepts both the .minikube directory and its parent
        return p.getFileName() != null && p.getFileName().toString().equals(".minikube") ? p : p.resolve(".minikube");
    }

    @SuppressWarnings("unchecked")
    private static Optional<MinikubeProfile> read(String name, Path config) {
        try {
            Map<String, Object> tree = JsonMapper.builder().build().readValue(
                    dev.motospkg.io.UserFiles.read(config), Map.class);
            if (tree.get("Nodes") instanceof List<?> nodes && !nodes.isEmpty() && nodes.get(0) instanceof Map<?, ?> node
                    && node.get("IP") instanceof String ip && !ip.isEmpty()) {
                int port = node.get("Port") instanceof Number n ? n.intValue() : 8443;
                return Optional.of(new MinikubeProfile(name, config, ip, port));
            }
        } catch (RuntimeException e) {
            // not minikube's format: no finding rather than a wrong one
        }
        return Optional.empty();
    }

    /**
     * A finding when the kubeconfig's server is not where the profile says the node is. With the
     * docker driver the kubeconfig names a forwarded port on 127.0.0.1, which config.json does not
     * record, so a loopback server is not compared.
     */
    Optional<Diagnosis.Finding> mismatch(String server) {
        URI uri = URI.create(server);
        String host = uri.getHost();
        if (host == null || host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1")
                || host.equals("[::1]")) {
            return Optional.empty();
        }
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        if (host.equals(ip) && port == this.port) {
            return Optional.empty();
        }
        return Optional.of(Diagnosis.Finding.problem("minikube", "minikube profile " + KubeConfigSources.quote(name)
                + " says its node's API server is now at " + ip + ":" + this.port + " (" + config + "), but the"
                + " kubeconfig still names " + host + ":" + port + ": the node's address changed (a minikube restart"
                + " or a new network), so requests go to an old address.", updateContext()));
    }

    String updateContext() {
        return "`minikube update-context -p " + name + "` rewrites the kubeconfig's server (check with `minikube status -p "
                + name + "`; if it is stopped, `minikube start -p " + name + "`), then run `motospkg doctor` again.";
    }
}
