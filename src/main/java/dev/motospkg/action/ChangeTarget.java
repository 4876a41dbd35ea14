package dev.motospkg.action;

import dev.motospkg.apply.DesiredObject;
import dev.motospkg.chart.ChartMetadata;
import java.util.List;
import java.util.Map;

/** What a new revision will be: its chart, the user's values, the manifest text and the objects to apply. */
record ChangeTarget(
        ChartMetadata chart,
        Map<String, Object> userValues,
        String manifest,
        List<DesiredObject> objects,
        String description) {
}
