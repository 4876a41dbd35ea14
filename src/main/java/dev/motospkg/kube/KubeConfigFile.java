package dev.motospkg.kube;

import dev.motospkg.error.MotosException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The kubeconfig chosen the way kubectl chooses it, read just enough to validate the context and
 * name context, server and user in messages. fabric8 still does the real parsing (auth, TLS): we
 * read it ourselves only because fabric8 silently falls back to defaults on an unknown context.
 */
record KubeConfigFile(Path path, String contents, String context, String server, String user, String namespace) {

    static final String CLUSTER_HINT = "for minikube: `minikube start` then `minikube update-context`;"
            + " for the local API server: `scripts/dev-cluster up` and the printed `export KUBECONFIG=...`";

    /**
     * @param flagPath    --kubeconfig, or null
     * @param flagContext --kube-context, or null
     * @param env         the environment (KUBECONFIG)
     * @param home        the user's home directory (~/.kube/config)
     */
    static KubeConfigFile resolve(Path flagPath, String flagContext, Map<String, String> env, Path home) {
        Path path;
        String origin;
        if (flagPath != null) {
            path = flagPath;
            origin = "--kubeconfig";
        } else if (firstOfList(env.get("KUBECONFIG")) != null) {
            path = Path.of(firstOfList(env.get("KUBECONFIG")));
            origin = "KUBECONFIG";
        } else {
            path = home.resolve(".kube").resolve("config");
            origin = "default location";
        }
        if (!Files.isRegularFile(path)) {
            throw MotosException.invalid("no kubeconfig at " + path + " (" + origin + ")",
                    "pass --kubeconfig FILE or set KUBECONFIG; " + CLUSTER_HINT);
        }
        String contents = dev.motospkg.io.UserFiles.read(path); // size limit, no devices or FIFOs
        return parse(path, contents, flagContext);
    }

    static KubeConfigFile parse(Path path, String contents, String flagContext) {
        Map<?, ?> root;
        try {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(contents);
            root = loaded instanceof Map<?, ?> m ? m : null;
        } catch (RuntimeException e) {
            throw MotosException.invalid("kubeconfig " + path + " is not valid YAML: " + firstLine(e.getMessage()),
                    "check the file, e.g. with `kubectl config view --kubeconfig " + path + "`");
        }
        if (root == null) {
            throw MotosException.invalid("kubeconfig " + path + " is empty or not a kubeconfig", CLUSTER_HINT);
        }
        List<String> contexts = names(root.get("contexts"));
        String context = flagContext != null ? flagContext : string(root.get("current-context"));
        if (context == null || context.isEmpty()) {
            throw MotosException.invalid("kubeconfig " + path + " has no current context"
                    + available(contexts), "pass --kube-context NAME, or `kubectl config use-context NAME`");
        }
        Map<?, ?> ctx = named(root.get("contexts"), context, "context");
        if (ctx == null) {
            throw MotosException.invalid("context \"" + context + "\" is not in kubeconfig " + path + available(contexts),
                    flagContext != null ? "check --kube-context" : "`kubectl config use-context NAME` or pass --kube-context NAME");
        }
        String clusterName = string(ctx.get("cluster"));
        Map<?, ?> cluster = named(root.get("clusters"), clusterName, "cluster");
        String server = cluster == null ? null : string(cluster.get("server"));
        if (server == null || server.isEmpty()) {
            throw MotosException.invalid("context \"" + context + "\" in kubeconfig " + path + " names cluster \""
                    + clusterName + "\", which has no server URL", CLUSTER_HINT);
        }
        checkServer(path, clusterName, server);
        return new KubeConfigFile(path, contents, context, server, string(ctx.get("user")), string(ctx.get("namespace")));
    }

    /** fabric8 prefixes anything without "https://" with "http://": "ftp://x" would become "http://ftp://x". */
    private static void checkServer(Path path, String clusterName, String server) {
        String problem = null;
        try {
            java.net.URI uri = new java.net.URI(server);
            if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                problem = "is not an http(s) URL";
            } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
                problem = "has no host";
            } else if (uri.getPort() > 65535) {
                problem = "has a port above 65535";
            }
        } catch (java.net.URISyntaxException e) {
            problem = "is not a URL";
        }
        if (problem != null) {
            String shown = server.length() > 80 ? server.substring(0, 70) + "…" : server;
            throw MotosException.invalid("kubeconfig " + path + ": the server of cluster \"" + clusterName + "\" ("
                    + shown.replaceAll("\\p{Cntrl}", "?") + ") " + problem,
                    "Write it as https://HOST:PORT, e.g. https://127.0.0.1:6443; " + CLUSTER_HINT);
        }
    }

    /** kubectl merges all files of KUBECONFIG; we take the first, which is where current-context usually lives. */
    private static String firstOfList(String list) {
        if (list == null) {
            return null;
        }
        for (String part : list.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                return part.trim();
            }
        }
        return null;
    }

    private static List<String> names(Object list) {
        List<String> names = new ArrayList<>();
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m && m.get("name") != null) {
                    names.add(String.valueOf(m.get("name")));
                }
            }
        }
        return names;
    }

    /** The inner map ("context"/"cluster") of the list entry with that name. */
    private static Map<?, ?> named(Object list, String name, String field) {
        if (name != null && list instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m && name.equals(string(m.get("name")))) {
                    return m.get(field) instanceof Map<?, ?> inner ? inner : Map.of();
                }
            }
        }
        return null;
    }

    private static String available(List<String> contexts) {
        return contexts.isEmpty() ? " (it defines no contexts)" : " (available: " + String.join(", ", contexts) + ")";
    }

    private static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
