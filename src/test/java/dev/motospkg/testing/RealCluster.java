package dev.motospkg.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class (or method) against a real Kubernetes API server on
 * 127.0.0.1, started once per test run by {@code scripts/dev-cluster up --fresh --dir target/it-cluster}
 * and stopped at the end of the run.
 *
 * <p>Each test method gets its own fresh namespace. Declare a {@link TestCluster} parameter
 * (on a test, {@code @BeforeEach} or {@code @AfterEach} method) to get the kubeconfig path,
 * the namespace and a fabric8 client; a {@link ControllerPlayer} parameter plays the
 * controllers the local server lacks.
 *
 * <p>When the binaries are not installed, the tests are skipped with one line telling to run
 * {@code scripts/dev-cluster install}, except when {@code -Dmotospkg.it.required=true} or env
 * {@code CI=true}: then they fail.
 *
 * @see KubeApiServerExtension
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("real-cluster")
@ExtendWith(KubeApiServerExtension.class)
public @interface RealCluster {
}
