package dev.chorus.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextRulesTest {

  private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66";
  private static final String US_FLAG = "\uD83C\uDDFA\uD83C\uDDF8";
  private static final String DE_FLAG = "\uD83C\uDDE9\uD83C\uDDEA";
  private static final String THUMBS_UP_MEDIUM = "\uD83D\uDC4D\uD83C\uDFFD";
  private static final String RAINBOW_FLAG = "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08";
  private static final String ENGLAND_FLAG =
      "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F";
  private static final String E_ACUTE_DECOMPOSED = "e\u0301";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "family ZWJ sequence, FAMILY, 1",
    "flag, US_FLAG, 1",
    "two flags, US_FLAG+DE_FLAG, 2",
    "skin tone, THUMBS_UP_MEDIUM, 1",
    "rainbow flag with variation selector, RAINBOW_FLAG, 1",
    "subdivision flag with tags, ENGLAND_FLAG, 1",
    "combining acute, E_ACUTE_DECOMPOSED, 1",
  })
  void counts_emoji_and_combining_sequences_as_one_grapheme(String name, String key, int expected) {
    String text = resolve(key);
    assertThat(TextRules.count(CountingRule.GRAPHEMES, text)).isEqualTo(expected);
  }

  private static String resolve(String key) {
    StringBuilder builder = new StringBuilder();
    for (String part : key.split("\\+")) {
      builder.append(
          switch (part) {
            case "FAMILY" -> FAMILY;
            case "US_FLAG" -> US_FLAG;
            case "DE_FLAG" -> DE_FLAG;
            case "THUMBS_UP_MEDIUM" -> THUMBS_UP_MEDIUM;
            case "RAINBOW_FLAG" -> RAINBOW_FLAG;
            case "ENGLAND_FLAG" -> ENGLAND_FLAG;
            case "E_ACUTE_DECOMPOSED" -> E_ACUTE_DECOMPOSED;
            default -> throw new IllegalArgumentException(part);
          });
    }
    return builder.toString();
  }

  @Test
  void counts_graphemes_in_mixed_text() {
    assertThat(TextRules.graphemes("")).isZero();
    assertThat(TextRules.graphemes("abc")).isEqualTo(3);
    assertThat(TextRules.graphemes("Hi " + FAMILY + "!")).isEqualTo(5);
    // Odd regional indicators: the pair joins, the third stands alone.
    assertThat(TextRules.graphemes("\uD83C\uDDFA\uD83C\uDDF8\uD83C\uDDE9")).isEqualTo(2);
    assertThat(TextRules.graphemes("caf" + E_ACUTE_DECOMPOSED + "s")).isEqualTo(5);
    // Keycap: digit, variation selector, combining enclosing keycap.
    assertThat(TextRules.graphemes("1\uFE0F\u20E3")).isEqualTo(1);
    // A ZWJ between two letters does not join them into one cluster.
    assertThat(TextRules.graphemes("a\u200Db")).isEqualTo(2);
  }

  @Test
  void counts_hangul_jamo_sequences_and_precomposed_syllables() {
    assertThat(TextRules.graphemes("\u1100\u1161\u11A8")).isEqualTo(1); // L V T
    assertThat(TextRules.graphemes("\uAC00\u11A8")).isEqualTo(1); // LV T
    assertThat(TextRules.graphemes("\uAC01\u11A8")).isEqualTo(1); // LVT T
    assertThat(TextRules.graphemes("\uD55C\uAD6D\uC5B4")).isEqualTo(3); // 한국어
    assertThat(TextRules.graphemes("\u11A8\u1100")).isEqualTo(2); // T then L breaks
  }

  @Test
  void keeps_cr_lf_together_and_breaks_around_controls() {
    assertThat(TextRules.graphemes("a\r\nb")).isEqualTo(3);
    assertThat(TextRules.graphemes("a\n\rb")).isEqualTo(4);
    assertThat(TextRules.graphemes("\n\u0301")).isEqualTo(2);
  }

  @Test
  void joins_spacing_marks_and_prepend() {
    assertThat(TextRules.graphemes("\u0915\u093F")).isEqualTo(1); // Devanagari KI: SpacingMark
    assertThat(TextRules.graphemes("\u0600\u0661")).isEqualTo(1); // Arabic number sign prepends
  }

  @Test
  void pictographic_table_is_sorted_for_binary_search() {
    assertThat(Graphemes.sorted()).isTrue();
  }

  @Test
  void counts_code_points_utf16_units_and_utf8_bytes() {
    String text = "a\u00E9\u4E2D" + US_FLAG;
    assertThat(TextRules.count(CountingRule.CODE_POINTS, text)).isEqualTo(5);
    assertThat(TextRules.count(CountingRule.UTF16_UNITS, text)).isEqualTo(7);
    assertThat(TextRules.count(CountingRule.UTF8_BYTES, text))
        .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length)
        .isEqualTo(1 + 2 + 3 + 8);
  }

  @Test
  void utf8_length_of_lone_surrogate_matches_the_encoder() {
    String text = "x\uD83Dy";
    assertThat(TextRules.count(CountingRule.UTF8_BYTES, text))
        .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void x_weighted_counts_urls_as_23_cjk_as_2_and_emoji_sequences_as_2() {
    assertThat(TextRules.count(CountingRule.X_WEIGHTED, "hello")).isEqualTo(5);
    assertThat(TextRules.count(CountingRule.X_WEIGHTED, "see https://example.com/a/very/long/path/indeed"))
        .isEqualTo(4 + 23);
    assertThat(TextRules.count(CountingRule.X_WEIGHTED, "\u4E2D\u6587")).isEqualTo(4);
    assertThat(TextRules.count(CountingRule.X_WEIGHTED, FAMILY)).isEqualTo(2);
    assertThat(XWeightedCounter.v2().count(FAMILY)).isGreaterThan(2);
  }

  @Test
  void x_measure_reports_validity_against_the_280_limit() {
    XWeightedCounter counter = XWeightedCounter.v3();
    assertThat(counter.maxWeightedLength()).isEqualTo(280);
    assertThat(counter.measure("a".repeat(280)).valid()).isTrue();
    XWeightedCounter.Measure tooLong = counter.measure("a".repeat(281));
    assertThat(tooLong.valid()).isFalse();
    assertThat(tooLong.weightedLength()).isEqualTo(281);
    assertThat(tooLong.validEnd()).isEqualTo(279);
  }

  @Test
  void mastodon_counts_urls_as_23_and_remote_mentions_as_local_part() {
    String url = "https://example.com/" + "x".repeat(100);
    assertThat(TextRules.count(CountingRule.MASTODON, "read " + url)).isEqualTo(5 + 23);
    assertThat(TextRules.count(CountingRule.MASTODON, "hi @alice@mastodon.social")).isEqualTo(3 + 6);
    assertThat(TextRules.count(CountingRule.MASTODON, "hi @alice")).isEqualTo(9);
    assertThat(TextRules.count(CountingRule.MASTODON, "mail bob@example.org")).isEqualTo(20);
    assertThat(TextRules.count(CountingRule.MASTODON, FAMILY + " " + US_FLAG)).isEqualTo(3);
  }

  @Test
  void mastodon_counts_urls_without_protocol_literally() {
    assertThat(TextRules.count(CountingRule.MASTODON, "example.com")).isEqualTo(11);
  }

  @Test
  void mastodon_url_weight_comes_from_the_instance() {
    TextCounter counter = TextRules.mastodon(30);
    assertThat(counter.count("a https://example.com b https://example.org")).isEqualTo(5 + 60); // "a " and " b " around two URLs
    assertThat(TextRules.mastodon(TextRules.MASTODON_DEFAULT_URL_WEIGHT))
        .isSameAs(TextRules.counter(CountingRule.MASTODON));
  }

  @Test
  void rejects_non_positive_mastodon_url_weight() {
    assertThatThrownBy(() -> TextRules.mastodon(0))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("mastodon.urlWeight");
  }

  @Test
  void every_rule_has_a_counter_and_counts_empty_text_as_zero() {
    for (CountingRule rule : CountingRule.values()) {
      assertThat(TextRules.count(rule, "")).as(rule.name()).isZero();
      assertThat(TextRules.count(rule, "abc")).as(rule.name()).isEqualTo(3);
    }
  }
}
