package dev.motospkg.lint;

import dev.motospkg.resource.KubeObject;
import java.util.List;

/**
 * What the checks look at: the rendered objects, whether a values file meant for production was
 * used, and ({@code lint --history}) the contents each image reference ran as in the release's
 * revisions: image reference to "sha256:... (revision N)" entries, one per distinct digest.
 */
public record LintInput(List<KubeObject> objects, boolean production, java.util.Map<String, List<String>> ranAs) {

    public LintInput(List<KubeObject> objects, boolean production) {
        this(objects, production, java.util.Map.of());
    }
}
