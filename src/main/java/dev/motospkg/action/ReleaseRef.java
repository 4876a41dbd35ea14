package dev.motospkg.action;

/** A release by name and namespace. */
public record ReleaseRef(String name, String namespace) {
}
