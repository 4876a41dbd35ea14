package dev.motospkg.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.motospkg.action.ReleaseTarget;
import dev.motospkg.testing.ActionFixture;
import dev.motospkg.values.ValuesRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart's file names read in the order its objects are applied, so nobody is misled by them. */
class ApplyOrderTest {

    @Test
    void theChartsFileOrderIsItsApplyOrder() {
        ActionFixture f = ActionFixture.inProject();
        var pipeline = f.ctx.pipeline();
        var rendered = pipeline.renderForTemplate(pipeline.load(null), new ValuesRequest(
                List.of(Path.of("values/values-dev.yaml")), List.of()), new ReleaseTarget(null, null));
        List<String> applied = ApplyPlan.desired(rendered.objects(), rendered.release(), f.cluster).stream()
                .map(DesiredObject::source).toList();
        assertEquals(applied.stream().sorted().toList(), applied);
        assertEquals(List.of("templates/00-namespace.yaml", "templates/01-postgres-secret.yaml",
                "templates/02-postgres-pvc.yaml", "templates/03-media-pvc.yaml"), applied.subList(0, 4));
    }
}
