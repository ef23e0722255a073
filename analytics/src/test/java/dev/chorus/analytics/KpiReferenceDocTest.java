package dev.chorus.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.model.KpiDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/kpis.md must list every KPI of the catalogue with the catalogue's formula, unit and direction. */
class KpiReferenceDocTest {

  @Test
  void the_kpi_reference_lists_every_kpi_exactly_as_the_catalogue_defines_it() throws Exception {
    Path doc = Path.of("..", "docs", "kpis.md");
    String text = Files.readString(doc, StandardCharsets.UTF_8);

    java.util.List<String> missing = new java.util.ArrayList<>();
    for (KpiDefinition kpi : Kpis.all()) {
      String row = row(kpi);
      if (!text.contains(row)) {
        missing.add(row);
      }
    }
    assertThat(missing).as("rows docs/kpis.md lacks or states differently from Kpis.all()").isEmpty();
  }

  /** The table row docs/kpis.md shows for the KPI. */
  static String row(KpiDefinition kpi) {
    String direction = kpi.direction() == dev.chorus.model.KpiDirection.HIGHER_IS_BETTER ? "higher" : "lower";
    return "| " + kpi.id() + " | " + kpi.formula() + " | " + kpi.unit() + " | " + direction + " |";
  }
}
