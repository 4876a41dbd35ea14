package dev.motospkg.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which cluster, as kubectl chooses it: --kubeconfig, else KUBECONFIG, else ~/.kube/config; --kube-context, else current. */
public final class KubeOptions {
    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--kube-context", paramLabel = "NAME", description = "Kubeconfig context (default: the current context).")
    String context;
}
