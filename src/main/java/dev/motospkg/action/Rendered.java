package dev.motospkg.action;

import dev.motospkg.render.ReleaseContext;
import dev.motospkg.render.RenderedFile;
import dev.motospkg.resource.KubeObject;
import dev.motospkg.values.MergedValues;
import java.util.List;

/** Steps 2-3 of every command: validated values, rendered files and the objects parsed from them. */
public record Rendered(
        LoadedChart loaded,
        MergedValues values,
        ReleaseContext release,
        List<RenderedFile> files,
        List<KubeObject> objects) {

    /** The text recorded in the release and shown by {@code template}: documents with {@code # Source:} lines. */
    public String manifest() {
        return String.join("", Template.manifestTexts(files).values());
    }
}
