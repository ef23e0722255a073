package dev.chorus.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.connector.ConnectorProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityTableTest {

  @Test
  void readme_table_is_the_generated_one() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String generated = CapabilityTable.render(CapabilityTable.builtInProviders());
    assertThat(CapabilityTable.current(readme))
        .as("README.md's capability table is stale; regenerate it with:%n  %s%n", CapabilityTable.REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void every_built_in_connector_on_the_class_path_has_a_row_and_the_example_connector_none() {
    List<String> platforms = CapabilityTable.builtInProviders().stream().map(p -> p.platform().id()).toList();
    assertThat(platforms).contains("x", "linkedin", "mastodon", "bluesky", "youtube", "facebook", "instagram",
        "tiktok", "sandbox").doesNotContain(WritingAConnector.PLATFORM.id()).isSorted();
    String table = CapabilityTable.render(CapabilityTable.builtInProviders());
    for (String platform : platforms) {
      assertThat(table).contains("| `" + platform + "` |");
    }
    assertThat(table).contains("| `x` | feed, thread | image, gif, video |").contains("| 280 x weighted | 100 |");
  }

  @Test
  void replace_swaps_only_the_part_between_the_markers_and_needs_both() {
    String readme = "intro\n" + CapabilityTable.START + "\nold\n" + CapabilityTable.END + "\noutro\n";
    String replaced = CapabilityTable.replace(readme, "| new |\n");
    assertThat(replaced).isEqualTo("intro\n" + CapabilityTable.START + "\n| new |\n" + CapabilityTable.END + "\noutro\n");
    assertThat(CapabilityTable.current(replaced)).isEqualTo("| new |\n");
    assertThatThrownBy(() -> CapabilityTable.replace("no markers", "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(CapabilityTable.START);
  }

  @Test
  void a_provider_list_renders_header_and_rows_in_order() {
    List<ConnectorProvider> none = List.of();
    assertThat(CapabilityTable.render(none).lines().toList()).hasSize(2);
  }
}
