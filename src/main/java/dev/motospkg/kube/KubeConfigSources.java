package dev.motospkg.kube;

import dev.motospkg.error.MotosException;
import dev.motospkg.io.UserFiles;
import dev.motospkg.yaml.YamlCodec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which kubeconfig files are in play and what each one defines, for {@code motospkg doctor}: the
 * same choice as {@link KubeConfigFile} (--kubeconfig, else every KUBECONFIG file, else
 * ~/.kube/config), told file by file so a user sees which file a context or cluster came from.
 */
final class KubeConfigSources {

    /** One listed file: whether it exists, what it sets; {@code error} when it cannot be read. */
    record Source(Path path, boolean exists, String currentContext, Map<String, Map<String, Map<String, Object>>> entries,
                  String error) {
        List<String> names(String list) {
            return entries.containsKey(list) ? List.copyOf(entries.get(list).keySet()) : List.of();
        }
    }

    static final List<String> LISTS = List.of("contexts", "clusters", "users");

    final String origin;
    final List<Source> sources;

    private KubeConfigSources(String origin, List<Source> sources) {
        this.origin = origin;
        this.sources = sources;
    }

    static KubeConfigSources of(Path flagPath, Map<String, String> env, Path home) {
        if (flagPath != null) {
            return new KubeConfigSources("--kubeconfig", List.of(read(flagPath)));
        }
        List<Path> listed = new ArrayList<>();
        String list = env.get("KUBECONFIG");
        if (list != null) {
            for (String part : list.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    listed.add(Path.of(part.trim()));
                }
            }
        }
        if (listed.isEmpty()) {
            return new KubeConfigSources("default", List.of(read(home.resolve(".kube").resolve("config"))));
        }
        return new KubeConfigSources("KUBECONFIG", listed.stream().map(KubeConfigSources::read).toList());
    }

    @SuppressWarnings("unchecked")
    private static Source read(Path path) {
        if (!Files.isRegularFile(path)) {
            return new Source(path, false, null, Map.of(), null);
        }
        Map<String, Object> root;
        try {
            root = new YamlCodec().parseMap(UserFiles.read(path), path.toString());
        } catch (MotosException e) {
            return new Source(path, true, null, Map.of(), e.getMessage());
        }
        Map<String, Map<String, Map<String, Object>>> entries = new LinkedHashMap<>();
        for (String name : LISTS) {
            Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
            if (root.get(name) instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof Map<?, ?> m && m.get("name") != null) {
                        byName.putIfAbsent(String.valueOf(m.get("name")), (Map<String, Object>) m);
                    }
                }
            }
            entries.put(name, byName);
        }
        Object current = root.get("current-context");
        return new Source(path, true, current == null || String.valueOf(current).isEmpty() ? null : String.valueOf(current),
                entries, null);
    }

    /** The file whose current-context is used (the first that sets one, as kubectl merges), or null. */
    Source currentContextSource() {
        return sources.stream().filter(s -> s.currentContext() != null).findFirst().orElse(null);
    }

    /** The first file defining that entry (the one kubectl uses), or null. */
    Source definer(String list, String name) {
        return sources.stream().filter(s -> s.names(list).contains(name)).findFirst().orElse(null);
    }

    /** The findings about the files themselves: which are read, missing, unreadable, and shadowed entries. */
    List<Diagnosis.Finding> findings(String flagContext) {
        List<Diagnosis.Finding> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        if (origin.equals("--kubeconfig")) {
            text.append("--kubeconfig ").append(sources.get(0).path()).append(" (KUBECONFIG and ~/.kube/config are not read).");
        } else if (origin.equals("default")) {
            text.append(sources.get(0).path()).append(", the default (KUBECONFIG is not set).");
        } else if (sources.size() == 1) {
            text.append("KUBECONFIG names one file: ").append(sources.get(0).path()).append('.');
        } else {
            text.append("KUBECONFIG lists ").append(sources.size()).append(" files, merged as kubectl merges them")
                    .append(" (the first file to set current-context wins; a context, cluster or user defined twice")
                    .append(" is taken from the first file that defines it):");
            for (Source s : sources) {
                text.append(' ').append(s.path()).append(" (").append(describe(s)).append(");");
            }
            text.setLength(text.length() - 1);
            text.append('.');
        }
        Source current = currentContextSource();
        if (flagContext != null) {
            text.append(" Context ").append(quote(flagContext)).append(" is chosen by --kube-context.");
        } else if (current != null) {
            text.append(" Current context ").append(quote(current.currentContext())).append(" is set in ")
                    .append(current.path()).append('.');
        }
        out.add(Diagnosis.Finding.ok("Kubeconfig", text.toString()));
        for (Source s : sources) {
            if (s.error() != null) {
                out.add(Diagnosis.Finding.problem("Kubeconfig", s.path() + " cannot be read: " + s.error(),
                        "fix or remove the file; `kubectl config view --kubeconfig " + s.path() + "` shows what"
                                + " kubectl makes of it."));
            } else if (!s.exists()) {
                boolean alone = sources.size() == 1;
                out.add(alone ? Diagnosis.Finding.problem("Kubeconfig", "there is no file at " + s.path() + ".",
                        "point " + (origin.equals("--kubeconfig") ? "--kubeconfig" : "KUBECONFIG") + " at your cluster's"
                                + " kubeconfig; " + KubeConfigFile.CLUSTER_HINT + ".")
                        : Diagnosis.Finding.warning("Kubeconfig", "KUBECONFIG lists " + s.path() + ", which does not"
                                + " exist: kubectl and motospkg skip it silently, so whatever it was meant to define is"
                                + " missing.", "correct the path in KUBECONFIG, or remove it from the list."));
            }
        }
        out.addAll(shadowed());
        return out;
    }

    /** An entry defined in two files differently: kubectl silently takes the first, a classic surprise. */
    private List<Diagnosis.Finding> shadowed() {
        List<Diagnosis.Finding> out = new ArrayList<>();
        for (String list : LISTS) {
            Map<String, Source> first = new LinkedHashMap<>();
            for (Source s : sources) {
                for (var entry : s.entries().getOrDefault(list, Map.of()).entrySet()) {
                    Source winner = first.putIfAbsent(entry.getKey(), s);
                    if (winner != null && !Objects.equals(winner.entries().get(list).get(entry.getKey()), entry.getValue())) {
                        String kind = list.substring(0, list.length() - 1);
                        out.add(Diagnosis.Finding.warning("Kubeconfig", kind + " " + quote(entry.getKey())
                                + " is defined in " + winner.path() + " and, differently, in " + s.path()
                                + ": the one in " + winner.path() + " is used, the other ignored.",
                                "rename one of them (edit the file"
                                        + (kind.equals("context") ? ", or `kubectl config rename-context`" : "")
                                        + "), or reorder KUBECONFIG if the other one is meant."));
                    }
                }
            }
        }
        return out;
    }

    private static String describe(Source s) {
        if (!s.exists()) {
            return "does not exist, skipped";
        }
        if (s.error() != null) {
            return "cannot be read";
        }
        List<String> contexts = s.names("contexts");
        return contexts.isEmpty() ? "no contexts" : "contexts " + String.join(", ", contexts);
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }
}
