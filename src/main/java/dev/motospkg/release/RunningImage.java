package dev.motospkg.release;

/**
 * What the pods of one workload's container really run: the image reference of the pod spec and
 * the {@code imageID} (digest) the kubelet reports, with how many pods run it. Two entries for one
 * container mean pods running different contents under the same name: a tag rebuilt meanwhile.
 */
public record RunningImage(String workload, String container, String image, String imageId, int pods) {

    /** "sha256:1a2b3c4d5e6f": the digest part of an imageID, shortened as `docker images` does. */
    public String shortDigest() {
        String id = imageId == null ? "" : imageId;
        int at = id.lastIndexOf('@');
        String digest = at >= 0 ? id.substring(at + 1) : id;
        int colon = digest.indexOf(':');
        String hex = colon >= 0 ? digest.substring(colon + 1) : digest;
        String algo = colon >= 0 ? digest.substring(0, colon + 1) : "";
        return hex.length() > 12 ? algo + hex.substring(0, 12) : digest.isEmpty() ? "(unknown)" : digest;
    }
}
