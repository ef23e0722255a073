package dev.chorus.strategy;

import static dev.chorus.strategy.StrategyFixtures.header;
import static dev.chorus.strategy.StrategyFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Platform;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformStrengthsTest {

  @Test
  void the_built_in_table_covers_the_ten_platforms_and_every_figure_has_a_source() {
    PlatformStrengths table = PlatformStrengths.defaults();

    assertThat(table.platforms()).containsExactlyInAnyOrder(Platform.X, Platform.LINKEDIN, Platform.FACEBOOK,
        Platform.INSTAGRAM, Platform.THREADS, Platform.TIKTOK, Platform.PINTEREST, Platform.YOUTUBE,
        Platform.MASTODON, Platform.BLUESKY);
    for (Platform platform : table.platforms()) {
      // 6 objectives + 4 age bands + 2 markets + 10 interest topics, plus at most one region row.
      assertThat(table.strengths(platform).size()).isBetween(22, 23);
      assertThat(table.strengths(platform)).allSatisfy(s -> assertThat(s.source()).isNotBlank());
    }
    // Pew Research Center 2024: 93% of U.S. adults 18-29 use YouTube; 40% of those 30-49 use LinkedIn.
    assertThat(table.strength(Platform.YOUTUBE, "age", "18-29").orElseThrow().value()).isEqualTo(0.93);
    assertThat(table.strength(Platform.LINKEDIN, "age", "30-49").orElseThrow().source()).contains("Pew Research Center");
    assertThat(table.strength(Platform.LINKEDIN, "market", "B2B").orElseThrow().value()).isEqualTo(0.94);
    assertThat(table.strength(Platform.X, "objective", "SALES").orElseThrow().source()).startsWith("judgement");
    // Every figure is either from a named study or says it is a judgement.
    assertThat(table.platforms()).allSatisfy(p -> assertThat(table.strengths(p)).allSatisfy(s ->
        assertThat(s.source()).satisfiesAnyOf(src -> assertThat(src).startsWith("judgement"),
            src -> assertThat(src).startsWith("Pew Research Center"),
            src -> assertThat(src).startsWith("Content Marketing Institute"))));
    // Sources say whether the Pew figure was checked against a second copy.
    assertThat(table.strength(Platform.YOUTUBE, "age", "18-29").orElseThrow().source()).contains("confirmed against");
    assertThat(table.strength(Platform.X, "age", "18-29").orElseThrow().source()).contains("not confirmed");
    assertThat(table.lists(PlatformStrengths.INTEREST, "food")).isTrue();
    assertThat(table.lists(PlatformStrengths.INTEREST, "coffee")).isFalse();
    assertThat(table.lists(PlatformStrengths.LANGUAGE, "de")).isFalse();
  }

  @Test
  void a_replacement_table_loads_from_a_file(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.csv");
    Files.writeString(file, "# my agency's figures\n" + header() + rows("x", 0.5) + rows("acme.social", 0.25));

    PlatformStrengths table = PlatformStrengths.read(file);

    assertThat(table.platforms()).containsExactlyInAnyOrder(Platform.X, Platform.of("acme.social"));
    assertThat(table.strength(Platform.of("acme.social"), "market", "B2C").orElseThrow().value()).isEqualTo(0.25);
  }

  @Test
  void a_value_out_of_range_names_its_row_and_column() {
    // Row 1 is the header, so the 12 rows of x are rows 2-13 and its third objective (TRAFFIC) is row 4.
    String csv = header() + rows("x", 0.5).replace("x,objective,TRAFFIC,0.5", "x,objective,TRAFFIC,1.5");

    assertThatThrownBy(() -> PlatformStrengths.read(new StringReader(csv)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("row 4, column value");
          assertThat(e.value()).isEqualTo("\"1.5\"");
        })
        .hasMessageContaining("must be from 0 to 1");
  }

  @Test
  void each_kind_of_bad_cell_is_a_typed_error_with_row_and_column() {
    List<String[]> cases = List.of(
        new String[] {"x,objective,AWARENESS,0.5,judgement", "x,objective,AWARENESS,half,judgement", "row 2, column value"},
        new String[] {"x,objective,AWARENESS,0.5,judgement", "x,objective,AWARENESS,0.5,", "row 2, column source"},
        new String[] {"x,objective,AWARENESS,0.5,judgement", "x,mood,AWARENESS,0.5,judgement", "row 2, column dimension"},
        new String[] {"x,objective,AWARENESS,0.5,judgement", "x,objective,FAME,0.5,judgement", "row 2, column key"},
        new String[] {"x,objective,AWARENESS,0.5,judgement", "X!,objective,AWARENESS,0.5,judgement", "row 2, column platform"},
        new String[] {"x,age,65+,0.5,test survey", "x,age,70+,0.5,test survey", "row 11, column key"});
    for (String[] c : cases) {
      String csv = header() + rows("x", 0.5).replace(c[0], c[1]);
      assertThatThrownBy(() -> PlatformStrengths.read(new StringReader(csv)))
          .as(c[1])
          .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(c[2]));
    }
  }

  @Test
  void a_missing_or_repeated_row_and_a_wrong_header_are_rejected() {
    String missing = header() + rows("x", 0.5).replace("x,market,B2B,0.5,judgement\n", "");
    assertThatThrownBy(() -> PlatformStrengths.read(new StringReader(missing)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("row 2, column key");   // the platform's first row
          assertThat(e.value()).isEqualTo("\"market/B2B\"");
        });

    String repeated = header() + rows("x", 0.5) + "x,region,CN,0,fact\nx,region,cn,1,fact\n";
    assertThatThrownBy(() -> PlatformStrengths.read(new StringReader(repeated)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("row 15, column key"));

    assertThatThrownBy(() -> PlatformStrengths.read(new StringReader("platform,value\n")))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("row 1, column header"));
    assertThatThrownBy(() -> PlatformStrengths.read(new StringReader(header())))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("no platform");
  }
}
