package dev.chorus.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextEntitiesTest {

  @Test
  void extracts_every_kind_with_utf16_offsets() {
    String text = "\uD83D\uDE00 @alice likes #java and $ACME at https://example.com see @bob/team";
    List<TextEntity> entities = TextEntities.extract(text);
    assertThat(entities)
        .extracting(TextEntity::kind)
        .containsExactly(
            TextEntity.Kind.MENTION,
            TextEntity.Kind.HASHTAG,
            TextEntity.Kind.CASHTAG,
            TextEntity.Kind.URL,
            TextEntity.Kind.LIST);
    for (TextEntity entity : entities) {
      String covered = text.substring(entity.start(), entity.end());
      assertThat(covered).endsWith(entity.value());
    }
    assertThat(entities.get(0)).isEqualTo(new TextEntity(TextEntity.Kind.MENTION, 3, 9, "alice"));
    assertThat(entities.get(4).value()).isEqualTo("bob/team");
  }

  @Test
  void extracts_one_kind() {
    String text = "#one #two @x";
    assertThat(TextEntities.extract(text, TextEntity.Kind.HASHTAG))
        .extracting(TextEntity::value)
        .containsExactly("one", "two");
    assertThat(TextEntities.extract(text, TextEntity.Kind.URL)).isEmpty();
  }

  @Test
  void finds_reply_target_only_at_start() {
    assertThat(TextEntities.replyTarget("@alice thanks")).contains("alice");
    assertThat(TextEntities.replyTarget("thanks @alice")).isEmpty();
  }

  @Test
  void converts_utf16_ranges_to_utf8_byte_offsets() {
    String text = "\u00E9\uD83D\uDE00 #tag";
    TextEntity tag = TextEntities.extract(text, TextEntity.Kind.HASHTAG).get(0);
    Utf8Range range = TextEntities.utf8Range(text, tag);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertThat(range).isEqualTo(new Utf8Range(2 + 4 + 1, 2 + 4 + 1 + 4));
    assertThat(new String(bytes, range.start(), range.end() - range.start(), StandardCharsets.UTF_8))
        .isEqualTo("#tag");
  }

  @Test
  void rejects_ranges_outside_the_text_or_inside_a_surrogate_pair() {
    String text = "a\uD83D\uDE00b";
    assertThatThrownBy(() -> TextEntities.utf8Range(text, 2, 3))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("surrogate");
    assertThatThrownBy(() -> TextEntities.utf8Range(text, 0, 9))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("end");
    assertThatThrownBy(() -> TextEntities.utf8Range(text, -1, 1))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("start");
  }

  @Test
  void entity_rejects_end_before_start() {
    assertThatThrownBy(() -> new TextEntity(TextEntity.Kind.URL, 5, 4, "x"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("entity.end");
  }
}
