package dev.motospkg.lint;

import dev.motospkg.resource.KubeObject;
import java.util.List;

/** What the checks look at: the rendered objects, and whether a values file meant for production was used. */
public record LintInput(List<KubeObject> objects, boolean production) {
}
