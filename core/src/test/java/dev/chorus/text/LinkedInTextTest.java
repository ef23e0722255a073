package dev.chorus.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkedInTextTest {

  @ParameterizedTest
  @ValueSource(chars = {'\\', '|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '*', '_', '~'})
  void escapes_each_reserved_character(char reserved) {
    assertThat(LinkedInText.escape("a" + reserved + "b")).isEqualTo("a\\" + reserved + "b");
  }

  @Test
  void reserved_set_is_the_documented_one() {
    assertThat(LinkedInText.RESERVED.chars().sorted().toArray())
        .isEqualTo("\\|{}@[]()<>#*_~".chars().sorted().toArray());
  }

  @Test
  void escapes_backslash_once_and_round_trips() {
    String text = "Launch (beta) \\o/ #news @team {x|y} [1] <b> *bold* _it_ ~s~ caf\u00E9 \uD83D\uDE00";
    String escaped = LinkedInText.escape(text);
    assertThat(escaped).startsWith("Launch \\(beta\\) \\\\o/ \\#news \\@team");
    assertThat(LinkedInText.unescape(escaped)).isEqualTo(text);
  }

  @Test
  void leaves_plain_text_untouched() {
    String text = "Plain text, with punctuation: yes! 100% sure.";
    assertThat(LinkedInText.escape(text)).isSameAs(text);
    assertThat(LinkedInText.unescape(text)).isSameAs(text);
  }

  @Test
  void unescape_keeps_a_backslash_before_an_ordinary_character() {
    assertThat(LinkedInText.unescape("a\\nb\\")).isEqualTo("a\\nb\\");
  }
}
