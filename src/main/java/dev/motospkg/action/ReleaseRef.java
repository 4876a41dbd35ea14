package dev.motospkg.action;

import dev.motospkg.release.Names;

/** A release by name and namespace, both checked (DNS-1123, lengths) before anything uses them. */
public record ReleaseRef(String name, String namespace) {
    public ReleaseRef {
        Names.release(name);
        Names.namespace(namespace);
    }
}
