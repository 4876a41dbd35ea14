package dev.motospkg.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test on the real single-node cluster ({@code scripts/dev-cluster up --node}): real pods, real
 * PostgreSQL, real volumes. One node per machine, started once per run under {@code target/e2e-node}
 * and stopped at the end; declare a {@link TestNode} parameter to use it.
 *
 * <p>Without the node installed ({@code scripts/dev-cluster install --node}) the tests are skipped
 * with one line saying so, except with {@code CI=true} or {@code -Dmotospkg.it.required=true}:
 * then they fail.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("e2e")
@ExtendWith(NodeExtension.class)
public @interface RealNode {
}
