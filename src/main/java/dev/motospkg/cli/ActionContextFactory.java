package dev.motospkg.cli;

import dev.motospkg.action.ActionContext;
import dev.motospkg.action.RenderPipeline;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * How the composition root gets the cluster, release store, locks and waiter of a command: the real
 * ones from the kubeconfig, or (in the CLI's golden tests) the in-memory store and fake cluster, the
 * way Helm's command tests run on its memory driver.
 */
@FunctionalInterface
public interface ActionContextFactory {

    /**
     * @param kubeconfig  --kubeconfig, or null
     * @param kubeContext --kube-context, or null
     * @param out         where the command's output goes
     */
    ActionContext create(Path kubeconfig, String kubeContext, RenderPipeline pipeline, PrintWriter out);
}
