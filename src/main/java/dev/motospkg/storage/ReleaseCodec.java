package dev.motospkg.storage;

import dev.motospkg.chart.ChartMetadata;
import dev.motospkg.error.MotosException;
import dev.motospkg.release.AppliedTo;
import dev.motospkg.release.Backup;
import dev.motospkg.release.Release;
import dev.motospkg.release.ReleaseStatus;
import dev.motospkg.release.RunningImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A release as stored: gzip-compressed JSON. The layout is the contract with revisions written by
 * earlier versions of motospkg, so fields are only ever added:
 *
 * <pre>{@code
 * {"name": "motos", "namespace": "prod", "revision": 3, "status": "deployed",
 *  "chart": {"name": "motos", "version": "1.2.0", "appVersion": "2.4", "description": "..."},
 *  "values": {...user-supplied tree...}, "manifest": "---\n...",
 *  "firstDeployed": "2025-01-02T03:04:05Z", "lastDeployed": "2025-01-02T03:04:05Z",
 *  "description": "Upgrade complete",
 *  "appliedTo": {"clusterId": "<kube-system uid>", "via": "context ..., server ..."},   (since issue 11; optional)
 *  "images": [{"workload": "Deployment/backend", "container": "backend", "image": "motos-backend:v1",
 *              "imageID": "...@sha256:...", "pods": 2}],   (after --wait; optional)
 *  "restartedAt": "2025-01-02T03:04:05Z",   (upgrade --restart's stamp; optional)
 *  "backup": {"name": "motos-before-v3.dump", "size": 18211, "sha256": "...", "takenBefore": 3}}
 * }</pre>
 *
 * Integers in {@code values} come back as {@link Long} (whatever width they were written with),
 * decimals as {@link Double}: JSON does not keep Java's number types, and Long is what
 * {@code --set} produces.
 */
public final class ReleaseCodec {

    private static final TypeReference<LinkedHashMap<String, Object>> TREE = new TypeReference<>() {
    };

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    /** The JSON text of a release, uncompressed (what {@link #encode} compresses). */
    public byte[] toJson(Release release) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", release.name());
        tree.put("namespace", release.namespace());
        tree.put("revision", release.revision());
        tree.put("status", release.status() == null ? null : release.status().wire());
        tree.put("chart", release.chart() == null ? null : release.chart().asContext());
        tree.put("values", release.values());
        tree.put("manifest", release.manifest());
        tree.put("firstDeployed", instant(release.firstDeployed()));
        tree.put("lastDeployed", instant(release.lastDeployed()));
        tree.put("description", release.description());
        if (release.appliedTo() != null) {
            Map<String, Object> applied = new LinkedHashMap<>();
            applied.put("clusterId", release.appliedTo().clusterId());
            applied.put("via", release.appliedTo().via());
            tree.put("appliedTo", applied);
        }
        if (release.images() != null) {
            tree.put("images", release.images().stream().map(i -> {
                Map<String, Object> image = new LinkedHashMap<>();
                image.put("workload", i.workload());
                image.put("container", i.container());
                image.put("image", i.image());
                image.put("imageID", i.imageId());
                image.put("pods", i.pods());
                return image;
            }).toList());
        }
        if (release.restartedAt() != null) {
            tree.put("restartedAt", instant(release.restartedAt()));
        }
        if (release.backups() != null) {
            tree.put("backups", release.backups().stream().map(b -> {
                Map<String, Object> backup = new LinkedHashMap<>();
                backup.put("step", b.step());
                backup.put("name", b.name());
                backup.put("size", b.size());
                backup.put("sha256", b.sha256());
                backup.put(b.onDemand() ? "takenOnDemandAt" : "takenBefore", b.revision());
                return backup;
            }).toList());
        }
        return mapper.writeValueAsBytes(tree);
    }

    public byte[] encode(Release release) {
        byte[] json = toJson(release);
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(json);
        } catch (IOException e) {
            // in-memory streams do not fail
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public Release decode(byte[] data) {
        return decode(data, "stored release");
    }

    /** {@code source} names where the bytes came from (e.g. the Secret), for the error message. */
    public Release decode(byte[] data, String source) {
        Map<String, Object> tree;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            tree = mapper.readValue(in, TREE);
        } catch (IOException | JacksonException e) {
            throw unreadable(source, e.getMessage());
        }
        try {
            return fromTree(tree);
        } catch (ClassCastException | IllegalArgumentException | DateTimeParseException e) {
            throw unreadable(source, e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Release fromTree(Map<String, Object> tree) {
        Object revision = tree.get("revision");
        if (!(revision instanceof Number)) {
            throw new IllegalArgumentException("no revision number");
        }
        Map<String, Object> chart = (Map<String, Object>) tree.get("chart");
        Object status = tree.get("status");
        return new Release(
                (String) tree.get("name"),
                (String) tree.get("namespace"),
                ((Number) revision).intValue(),
                status == null ? null : ReleaseStatus.fromWire((String) status),
                chart == null ? null : new ChartMetadata((String) chart.get("name"), (String) chart.get("version"),
                        (String) chart.get("appVersion"), (String) chart.get("description")),
                (Map<String, Object>) tree.get("values"),
                (String) tree.get("manifest"),
                parseInstant(tree.get("firstDeployed")),
                parseInstant(tree.get("lastDeployed")),
                (String) tree.get("description"),
                appliedTo((Map<String, Object>) tree.get("appliedTo")),
                images((List<Map<String, Object>>) tree.get("images")),
                parseInstant(tree.get("restartedAt")),
                backups(tree));
    }

    /** Absent in revisions written before the cluster was recorded. */
    private static AppliedTo appliedTo(Map<String, Object> tree) {
        return tree == null ? null : new AppliedTo((String) tree.get("clusterId"), (String) tree.get("via"));
    }

    private static List<RunningImage> images(List<Map<String, Object>> list) {
        return list == null ? null : list.stream().map(i -> new RunningImage((String) i.get("workload"),
                (String) i.get("container"), (String) i.get("image"), (String) i.get("imageID"),
                ((Number) i.get("pods")).intValue())).toList();
    }

    /**
     * Revisions written before backups existed have none; those written when a revision had one
     * database backup store it as {@code backup} (its step was the chart's "backup").
     */
    @SuppressWarnings("unchecked")
    private static List<Backup> backups(Map<String, Object> tree) {
        if (tree.get("backups") instanceof List<?> list) {
            return ((List<Map<String, Object>>) list).stream().map(ReleaseCodec::backup).toList();
        }
        return tree.get("backup") instanceof Map<?, ?> one ? List.of(backup((Map<String, Object>) one)) : null;
    }

    private static Backup backup(Map<String, Object> b) {
        boolean onDemand = b.get("takenOnDemandAt") != null;
        return new Backup(b.get("step") == null ? "backup" : (String) b.get("step"), (String) b.get("name"),
                ((Number) b.get("size")).longValue(), (String) b.get("sha256"),
                ((Number) b.get(onDemand ? "takenOnDemandAt" : "takenBefore")).intValue(), onDemand);
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant parseInstant(Object text) {
        return text == null ? null : Instant.parse((String) text);
    }

    private static MotosException unreadable(String source, String detail) {
        return MotosException.failed(source + " cannot be read: " + detail,
                "it was not written by this version of motospkg or was edited by hand; "
                        + "inspect it with kubectl, and delete that revision if it is damaged");
    }
}
