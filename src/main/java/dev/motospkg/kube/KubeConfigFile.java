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
record KubeConfigFile(Path path, String contents, String context, String server, String user, String namespace,
                      boolean merged) {

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
        List<Path> listed = flagPath == null ? list(env.get("KUBECONFIG")) : List.of();
        if (flagPath != null) {
            path = flagPath;
            origin = "--kubeconfig";
        } else if (listed.size() > 1) {
            return merged(listed, flagContext);
        } else if (listed.size() == 1) {
            path = listed.get(0);
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
        return parse(path, contents, flagContext, false);
    }

    /** @param merged whether {@code contents} is several files merged ({@code path} is then the first of them) */
    static KubeConfigFile parse(Path path, String contents, String flagContext, boolean merged) {
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
        return new KubeConfigFile(path, contents, context, server, string(ctx.get("user")), string(ctx.get("namespace")),
                merged);
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

    private static List<Path> list(String list) {
        List<Path> out = new ArrayList<>();
        if (list != null) {
            for (String part : list.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    out.add(Path.of(part.trim()));
                }
            }
        }
        return out;
    }

    /** Fields holding a file path, which kubectl reads relative to the kubeconfig file that names it. */
    private static final Map<String, List<String>> FILE_FIELDS = Map.of(
            "clusters", List.of("certificate-authority"),
            "users", List.of("client-certificate", "client-key", "tokenFile"));

    /**
     * Several KUBECONFIG files, merged as kubectl merges them: files that do not exist are skipped;
     * the first file to set current-context wins; clusters, contexts and users are joined, the first
     * entry of a name winning; relative file paths stay relative to the file they are written in.
     */
    @SuppressWarnings("unchecked")
    private static KubeConfigFile merged(List<Path> files, String flagContext) {
        Map<String, Object> merged = new java.util.LinkedHashMap<>();
        merged.put("apiVersion", "v1");
        merged.put("kind", "Config");
        Map<String, Map<String, Object>> named = new java.util.LinkedHashMap<>();
        for (String list : List.of("clusters", "contexts", "users")) {
            named.put(list, new java.util.LinkedHashMap<>());
        }
        List<Path> read = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            read.add(file);
            String text = dev.motospkg.io.UserFiles.read(file); // size limit, no devices or FIFOs
            Object loaded;
            try {
                loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            } catch (RuntimeException e) {
                throw MotosException.invalid("kubeconfig " + file + " is not valid YAML: " + firstLine(e.getMessage()),
                        "check the file, e.g. with `kubectl config view --kubeconfig " + file + "`");
            }
            if (!(loaded instanceof Map<?, ?> root)) {
                continue;
            }
            Object current = root.get("current-context");
            if (!merged.containsKey("current-context") && current != null && !String.valueOf(current).isEmpty()) {
                merged.put("current-context", current);
            }
            for (var list : named.entrySet()) {
                if (root.get(list.getKey()) instanceof List<?> items) {
                    for (Object item : items) {
                        if (item instanceof Map<?, ?> m && m.get("name") != null) {
                            list.getValue().putIfAbsent(String.valueOf(m.get("name")),
                                    absolutePaths(list.getKey(), (Map<String, Object>) m, file));
                        }
                    }
                }
            }
        }
        if (read.isEmpty()) {
            throw MotosException.invalid("none of the KUBECONFIG files exists: " + files,
                    "pass --kubeconfig FILE or fix KUBECONFIG; " + CLUSTER_HINT);
        }
        named.forEach((list, entries) -> merged.put(list, new ArrayList<>(entries.values())));
        String contents = new Yaml().dump(merged);
        return parse(read.get(0), contents, flagContext, true);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> absolutePaths(String list, Map<String, Object> entry, Path file) {
        List<String> fields = FILE_FIELDS.getOrDefault(list, List.of());
        String inner = list.equals("clusters") ? "cluster" : "user";
        if (fields.isEmpty() || !(entry.get(inner) instanceof Map<?, ?> body)) {
            return entry;
        }
        Map<String, Object> copy = new java.util.LinkedHashMap<>((Map<String, Object>) body);
        Path dir = file.toAbsolutePath().getParent();
        for (String field : fields) {
            if (copy.get(field) instanceof String value && !value.isEmpty() && !Path.of(value).isAbsolute()) {
                copy.put(field, dir.resolve(value).normalize().toString());
            }
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>(entry);
        out.put(inner, copy);
        return out;
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
