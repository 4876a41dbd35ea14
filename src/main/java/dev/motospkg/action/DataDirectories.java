package dev.motospkg.action;

import dev.motospkg.kube.ObjectKey;
import dev.motospkg.yaml.Trees;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A database container that would look for its data somewhere else on the same volume: the new pod
 * starts an empty database while the old one sits unused on the claim, and every check passes
 * (same PVC, same uid). It happens when plain manifests that kept the official postgres image's
 * default {@code PGDATA} are adopted by a chart that uses a subdirectory. Refused even with
 * {@code --force}: nothing is lost by refusing, much by going ahead.
 */
final class DataDirectories {
    /** The official postgres image's PGDATA when the env does not set one. */
    static final String POSTGRES_DEFAULT = "/var/lib/postgresql/data";

    private DataDirectories() {
    }

    /** Adds a problem when a container of {@code desired} would move its PGDATA away from the live one's. */
    static void check(ObjectKey key, Map<String, Object> live, Map<String, Object> desired, List<String> problems) {
        List<Map<String, Object>> liveContainers = containers(live);
        for (Map<String, Object> want : containers(desired)) {
            Optional<Map<String, Object>> running = liveContainers.stream()
                    .filter(c -> String.valueOf(c.get("name")).equals(String.valueOf(want.get("name")))).findFirst();
            if (running.isEmpty()) {
                continue;
            }
            Optional<String> now = dataDir(running.get());
            Optional<String> next = dataDir(want);
            if (now.isEmpty() || next.isEmpty() || now.get().equals(next.get())) {
                continue;
            }
            Optional<String> claim = claimHolding(live, running.get(), now.get());
            if (claim.isEmpty() || !claimHolding(desired, want, next.get()).equals(claim)) {
                continue; // not the same volume: a different problem (or none) than an empty database
            }
            boolean defaulted = explicitPgdata(running.get()).isEmpty();
            problems.add(key + ": PostgreSQL (container " + want.get("name") + ") would look for its database in "
                    + next.get() + ", but the running pods keep it in " + now.get()
                    + (defaulted ? " (the image's default PGDATA)" : "") + " on PersistentVolumeClaim " + claim.get()
                    + ": the new pod would start an empty database and the data would sit unused on the volume. "
                    + "Keep PGDATA at " + now.get() + " (in the motos chart: postgres.dataSubdir: \""
                    + relative(now.get()) + "\" in your values file); --force does not override this.");
        }
    }

    private static String relative(String dir) {
        String rest = dir.startsWith(POSTGRES_DEFAULT) ? dir.substring(POSTGRES_DEFAULT.length()) : dir;
        return rest.startsWith("/") ? rest.substring(1) : rest;
    }

    /** PGDATA of a postgres container: its env, else the official image's default; empty when not postgres. */
    private static Optional<String> dataDir(Map<String, Object> container) {
        Optional<String> explicit = explicitPgdata(container);
        if (explicit.isPresent()) {
            return explicit;
        }
        String image = String.valueOf(container.get("image"));
        String name = image.replaceFirst("[:@].*$", "");
        name = name.substring(name.lastIndexOf('/') + 1);
        return name.contains("postgres") ? Optional.of(POSTGRES_DEFAULT) : Optional.empty();
    }

    private static Optional<String> explicitPgdata(Map<String, Object> container) {
        for (Map<String, Object> env : Trees.mapList(container.get("env"))) {
            if ("PGDATA".equals(env.get("name")) && env.get("value") != null) {
                return Optional.of(trimSlash(env.get("value").toString()));
            }
        }
        return Optional.empty();
    }

    /** The PVC whose mount in this container holds {@code dir}. */
    private static Optional<String> claimHolding(Map<String, Object> workload, Map<String, Object> container, String dir) {
        String best = null;
        String volume = null;
        for (Map<String, Object> m : Trees.mapList(container.get("volumeMounts"))) {
            String path = trimSlash(String.valueOf(m.get("mountPath")));
            if ((dir.equals(path) || dir.startsWith(path + "/")) && (best == null || path.length() > best.length())) {
                best = path;
                volume = String.valueOf(m.get("name"));
            }
        }
        for (Map<String, Object> v : Trees.mapList(Trees.at(workload, List.of("spec", "template", "spec", "volumes")))) {
            Object claim = Trees.at(v, List.of("persistentVolumeClaim", "claimName"));
            if (volume != null && volume.equals(v.get("name")) && claim != null) {
                return Optional.of(claim.toString());
            }
        }
        return Optional.empty();
    }

    private static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return Trees.mapList(Trees.at(workload, List.of("spec", "template", "spec", "containers")));
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
