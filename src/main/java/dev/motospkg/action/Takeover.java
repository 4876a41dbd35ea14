package dev.motospkg.action;

/**
 * How a change treats objects it cannot simply apply. {@code adopt}: take over objects that exist
 * but belong to no release (made by kubectl apply), field ownership included. {@code force}:
 * replace (delete, then create) objects whose immutable fields differ; never a PVC or the Namespace.
 */
public record Takeover(boolean adopt, boolean force) {

    public static Takeover none() {
        return new Takeover(false, false);
    }
}
