package dev.motospkg.cli;

import dev.motospkg.action.Doctor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "doctor",
        description = "Check the connection to the cluster (kubeconfig files, context, server, TLS, credentials,"
                + " cluster identity) and say what to fix; exit 1 when something is wrong.")
final class DoctorCommand implements Callable<Integer> {
    @Mixin HelpOption help;
    private final App app;

    @Mixin KubeOptions kube;

    DoctorCommand(App app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        return app.doctor().run(new Doctor.Options(kube.kubeconfig, kube.context)).code();
    }
}
