package dev.chorus.connector.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.connector.bluesky.internal.Facet;
import dev.chorus.connector.bluesky.internal.FacetDetector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Facet detection by the official client's rules, with UTF-8 byte offsets. */
class FacetDetectionTest {

  /** Each facet as KIND:value@byteStart-byteEnd. */
  private static List<String> facets(String text) {
    List<Facet> found = FacetDetector.detect(text);
    for (Facet facet : found) {
      // the byte span must cut the text exactly where the UTF-16 span does
      String slice = text.substring(facet.start(), facet.end());
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      String fromBytes = new String(bytes, facet.bytes().start(), facet.bytes().end() - facet.bytes().start(),
          StandardCharsets.UTF_8);
      assertThat(fromBytes).isEqualTo(slice);
    }
    return found.stream().map(f -> f.kind() + ":" + f.value() + "@" + f.bytes().start() + "-" + f.bytes().end())
        .toList();
  }

  @Test
  void reference_example_has_mention_link_and_tag_at_byte_offsets() {
    assertThat(facets("Hi @bob.example.com see https://example.com/x #news ✨")).containsExactly(
        "MENTION:bob.example.com@3-19", "LINK:https://example.com/x@24-45", "TAG:news@46-51");
  }

  @Test
  void emoji_before_a_link_shifts_byte_offsets_beyond_char_offsets() {
    String text = "👋🏽 https://example.com";
    List<Facet> found = FacetDetector.detect(text);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).start()).isEqualTo(5);
    assertThat(facets(text)).containsExactly("LINK:https://example.com@9-28");
  }

  @Test
  void cjk_before_a_bare_domain_counts_three_bytes_per_character() {
    assertThat(facets("日本語 example.com")).containsExactly("LINK:https://example.com@10-21");
  }

  @Test
  void zwj_family_emoji_before_a_mention_and_tag() {
    // 👨‍👩‍👧 is 3 people + 2 ZWJ: 3*4 + 2*3 = 18 bytes, 8 UTF-16 units
    assertThat(facets("👨‍👩‍👧 @alice.bsky.social #família"))
        .containsExactly("MENTION:alice.bsky.social@19-37", "TAG:família@38-47");
  }

  @Test
  void one_trailing_punctuation_character_is_trimmed_from_links() {
    assertThat(facets("go to https://baz.com.")).containsExactly("LINK:https://baz.com@6-21");
    assertThat(facets("see bsky.app: now")).containsExactly("LINK:https://bsky.app@4-12");
    assertThat(facets("what https://foo.com/a?!")).containsExactly("LINK:https://foo.com/a?@5-23");
    assertThat(facets("list https://a.com/x, https://b.com/y;"))
        .containsExactly("LINK:https://a.com/x@5-20", "LINK:https://b.com/y@22-37");
  }

  @Test
  void parentheses_are_balanced_around_links() {
    assertThat(facets("(https://foo.com)")).containsExactly("LINK:https://foo.com@1-16");
    assertThat(facets("see https://foo.com/thing_(cool)"))
        .containsExactly("LINK:https://foo.com/thing_(cool)@4-32");
    assertThat(facets("(example.com/path).")).containsExactly("LINK:https://example.com/path@1-17");
  }

  @Test
  void only_whitespace_ends_a_url() {
    assertThat(facets("https://example.com/a\"b<c>d next"))
        .containsExactly("LINK:https://example.com/a\"b<c>d@0-27");
  }

  @Test
  void bare_domains_need_a_known_tld() {
    assertThat(facets("middle.com/foo?x=1#h")).containsExactly("LINK:https://middle.com/foo?x=1#h@0-20");
    assertThat(facets("Example.COM")).containsExactly("LINK:https://Example.COM@0-11");
    assertThat(facets("sub.domain.co.uk/x")).containsExactly("LINK:https://sub.domain.co.uk/x@0-18");
  }

  @ParameterizedTest
  @ValueSource(strings = {"something-cool.jpg", "e.g. this", "website.com.jpg", "file.notatld", "3d.com",
      "a.b", "x:example.com", "foo@example.com"})
  void these_are_not_links(String text) {
    assertThat(facets(text)).noneMatch(f -> f.startsWith("LINK:"));
  }

  @Test
  void mentions_end_at_the_handle() {
    assertThat(facets("@handle.com!@#$chars")).containsExactly("MENTION:handle.com@0-11");
    assertThat(facets("(@bob.bsky.social)")).containsExactly("MENTION:bob.bsky.social@1-17");
    assertThat(facets("thanks @alice.bsky.social.")).containsExactly("MENTION:alice.bsky.social@7-25");
    assertThat(facets("@alice.test hi")).containsExactly("MENTION:alice.test@0-11");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not@right.com", "@alice", "@alice.notatld", "email me: bob@example.com"})
  void these_are_not_mentions(String text) {
    assertThat(facets(text)).noneMatch(f -> f.startsWith("MENTION:"));
  }

  @Test
  void hashtags_follow_the_unicode_rules() {
    assertThat(facets("#news")).containsExactly("TAG:news@0-5");
    assertThat(facets("great #tag!")).containsExactly("TAG:tag@6-10");
    assertThat(facets("＃日本語 です")).containsExactly("TAG:日本語@0-12");
    assertThat(facets("#café au lait")).containsExactly("TAG:café@0-6");
    assertThat(facets("#foo\u200Bbar")).containsExactly("TAG:foo@0-4");
    assertThat(facets("#1st place")).containsExactly("TAG:1st@0-4");
    assertThat(facets("#a_b-c")).containsExactly("TAG:a_b-c@0-6");
    assertThat(facets("#🦋 emoji tag")).containsExactly("TAG:🦋@0-5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"#123", "a#b", "#", "# alone", "#️⃣ keycap", "#!!!", "https://x.com/#anchor"})
  void these_are_not_hashtags(String text) {
    assertThat(facets(text)).noneMatch(f -> f.startsWith("TAG:"));
  }

  @Test
  void tags_longer_than_64_graphemes_are_dropped() {
    assertThat(facets("#" + "a".repeat(64))).hasSize(1);
    assertThat(facets("#" + "a".repeat(65))).isEmpty();
    // 64 graphemes of two UTF-16 units each still fit
    assertThat(facets("#" + "e\u0301".repeat(64))).hasSize(1);
  }

  @Test
  void cashtags_become_upper_case_tags() {
    assertThat(facets("buy $aapl, not $TOOLONG")).containsExactly("TAG:$AAPL@4-9");
  }

  @Test
  void facets_come_sorted_by_position_and_newlines_separate() {
    assertThat(facets("#first\nhttps://a.com\n@b.bsky.social"))
        .containsExactly("TAG:first@0-6", "LINK:https://a.com@7-20", "MENTION:b.bsky.social@21-35");
  }

  @Test
  void plain_text_has_no_facets() {
    assertThat(facets("just words, no entities here.")).isEmpty();
    assertThat(facets("")).isEmpty();
  }
}
