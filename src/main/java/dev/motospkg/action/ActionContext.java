package dev.motospkg.action;

import dev.motospkg.kube.Cluster;
import dev.motospkg.resource.ManifestParser;
import dev.motospkg.storage.ReleaseLocks;
import dev.motospkg.storage.ReleaseStore;
import java.io.PrintWriter;
import java.time.Clock;

/** What cluster actions share (Helm's action.Configuration): built once, in the composition root. */
public record ActionContext(
        RenderPipeline pipeline,
        ManifestParser parser,
        Cluster cluster,
        ReleaseStore store,
        ReleaseLocks locks,
        ReadinessWait waiter,
        Clock clock,
        PrintWriter out) {
}
