package dev.motospkg.storage;

import dev.motospkg.error.MotosException;
import dev.motospkg.release.Release;

/** Messages shared by the stores, so memory-backed tests see what users see. */
final class StoreErrors {

    private StoreErrors() {
    }

    static MotosException alreadyExists(Release release) {
        return MotosException.failed("release " + release.label() + " already exists in namespace "
                        + release.namespace(),
                "another command stored that revision meanwhile; look at the release's history and retry");
    }

    static MotosException notFound(String namespace, String name, int revision) {
        return MotosException.failed("release " + name + ".v" + revision + " is not stored in namespace "
                        + namespace,
                "it was deleted meanwhile (uninstall or history pruning); look at the release's history");
    }
}
