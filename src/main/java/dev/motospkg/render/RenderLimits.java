package dev.motospkg.render;

/** Bounds on what one template may produce, so a runaway loop or recursion fails instead of filling memory. */
public record RenderLimits(long maxOutputBytes, int maxRenderDepth, int maxMacroDepth, int maxCollectionSize) {

    public static RenderLimits defaults() {
        return new RenderLimits(8L * 1024 * 1024, 10, 20, 100_000);
    }
}
