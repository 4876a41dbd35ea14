package dev.motospkg.action;

import dev.motospkg.chart.Chart;
import dev.motospkg.schema.ValuesSchema;
import java.util.Optional;

/** A chart and, when it has one, its values schema. */
public record LoadedChart(Chart chart, Optional<ValuesSchema> schema) {
}
