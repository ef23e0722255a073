package dev.chorus.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.connector.Secret;
import dev.chorus.model.AccountId;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Platform;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetaWebhookTest {

  static final String APP_SECRET = "meta-app-secret-CANARY";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  // Shaped after Meta's Instagram "comments" notification example.
  static final String COMMENT = """
      {"object":"instagram","entry":[{"id":"17841405309211844","time":1772366400,
        "changes":[{"field":"comments","value":{"id":"17865799348089039",
          "from":{"id":"232323232","username":"coffee_fan"},"text":"Love this roast!",
          "media":{"id":"17887498072083520","media_product_type":"FEED"},"unknown":"ignored"}}]}]}""";

  final Signing.TestClock clock = new Signing.TestClock(NOW);
  final WebhookSettings settings = WebhookSettings.builder().clock(clock)
      .accounts((p, id) -> id.equals("17841405309211844") ? Optional.of(AccountId.of("acc-ig")) : Optional.empty())
      .build();
  final WebhookVerifier verifier =
      WebhookVerifiers.meta(Platform.INSTAGRAM, Secret.of(APP_SECRET), Secret.of("verify-me"), settings);

  static WebhookRequest post(String body, String signature) {
    WebhookRequest.Builder b = WebhookRequest.builder("POST", NOW).body(body);
    if (signature != null) {
      b.header("x-hub-signature-256", signature);
    }
    return b.build();
  }

  @Test
  void answers_the_subscribe_handshake_with_the_challenge() {
    WebhookRequest get = WebhookRequest.builder("GET", NOW)
        .rawQuery("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me").build();
    WebhookResult result = verifier.verify(get);
    assertThat(result).isEqualTo(new WebhookResult.Handshake(Platform.INSTAGRAM, WebhookResponse.text("1158201444")));
  }

  @Test
  void refuses_the_handshake_with_a_wrong_verify_token() {
    WebhookRequest get = WebhookRequest.builder("GET", NOW)
        .rawQuery("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess").build();
    assertThatThrownBy(() -> verifier.verify(get))
        .isInstanceOf(WebhookSignatureException.class)
        .hasMessageContaining("hub.verify_token").hasMessageNotContaining("verify-me");
  }

  @Test
  void parses_a_validly_signed_comment_into_an_interaction() {
    WebhookResult result = verifier.verify(post(COMMENT, "sha256=" + Signing.hex(APP_SECRET, COMMENT)));
    assertThat(result).isInstanceOf(WebhookResult.Delivery.class);
    WebhookItem item = ((WebhookResult.Delivery) result).items().get(0);
    assertThat(item.eventId()).isEqualTo("17865799348089039");
    assertThat(item.type()).isEqualTo("comments");
    assertThat(item.raw().path("value").path("unknown").stringValue()).isEqualTo("ignored");
    var interaction = item.asInteraction().orElseThrow();
    assertThat(interaction.kind()).isEqualTo(InteractionKind.COMMENT);
    assertThat(interaction.accountId()).isEqualTo(AccountId.of("acc-ig"));
    assertThat(interaction.authorHandle()).isEqualTo("coffee_fan");
    assertThat(interaction.externalPostId()).isEqualTo("17887498072083520");
    assertThat(interaction.text()).isEqualTo("Love this roast!");
    assertThat(interaction.createdAt()).isEqualTo(Instant.ofEpochSecond(1772366400));
  }

  @Test
  void parses_a_facebook_page_feed_reply() {
    String body = """
        {"object":"page","entry":[{"id":"1234","time":1772366400,"changes":[{"field":"feed","value":{
          "item":"comment","verb":"add","comment_id":"1234_55_66","post_id":"1234_55","parent_id":"1234_55_60",
          "from":{"id":"999","name":"Ada"},"message":"Agreed","created_time":1772366399}}]}]}""";
    WebhookVerifier fb = WebhookVerifiers.meta(Platform.FACEBOOK, Secret.of(APP_SECRET), Secret.of("t"),
        WebhookSettings.builder().clock(clock).accounts(AccountResolver.PLATFORM_IDS).build());
    var delivery = (WebhookResult.Delivery) fb.verify(post(body, "sha256=" + Signing.hex(APP_SECRET, body)));
    var interaction = delivery.items().get(0).interaction();
    assertThat(interaction.kind()).isEqualTo(InteractionKind.REPLY);
    assertThat(interaction.parentExternalId()).isEqualTo("1234_55_60");
    assertThat(interaction.authorName()).isEqualTo("Ada");
    assertThat(interaction.createdAt()).isEqualTo(Instant.ofEpochSecond(1772366399));
  }

  @Test
  void refuses_a_tampered_body() {
    String signature = "sha256=" + Signing.hex(APP_SECRET, COMMENT);
    assertThatThrownBy(() -> verifier.verify(post(COMMENT.replace("Love", "Hate"), signature)))
        .isInstanceOf(WebhookSignatureException.class)
        .hasMessageContaining("X-Hub-Signature-256").hasMessageContaining("does not match");
  }

  @Test
  void refuses_a_signature_made_with_another_key() {
    assertThatThrownBy(() -> verifier.verify(post(COMMENT, "sha256=" + Signing.hex("other", COMMENT))))
        .isInstanceOf(WebhookSignatureException.class)
        .satisfies(e -> assertThat(((WebhookSignatureException) e).header()).isEqualTo("X-Hub-Signature-256"))
        .hasMessageNotContaining(APP_SECRET).hasMessageNotContaining(Signing.hex(APP_SECRET, COMMENT));
  }

  @Test
  void refuses_a_missing_or_malformed_header() {
    assertThatThrownBy(() -> verifier.verify(post(COMMENT, null)))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("is missing");
    assertThatThrownBy(() -> verifier.verify(post(COMMENT, "sha256=zz")))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("malformed");
    assertThatThrownBy(() -> verifier.verify(post(COMMENT, "md5=00")))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("malformed");
  }

  @Test
  void a_replayed_delivery_is_a_duplicate_until_the_id_expires() {
    WebhookRequest request = post(COMMENT, "sha256=" + Signing.hex(APP_SECRET, COMMENT));
    assertThat(verifier.verify(request)).isInstanceOf(WebhookResult.Delivery.class);
    assertThat(verifier.verify(request))
        .isEqualTo(new WebhookResult.Duplicate(Platform.INSTAGRAM, java.util.List.of("17865799348089039")));
    clock.advance(java.time.Duration.ofHours(25));
    assertThat(verifier.verify(request)).isInstanceOf(WebhookResult.Delivery.class);
  }

  @Test
  void a_bad_signature_does_not_mark_the_id_as_seen() {
    assertThatThrownBy(() -> verifier.verify(post(COMMENT, "sha256=" + Signing.hex("other", COMMENT))))
        .isInstanceOf(WebhookSignatureException.class);
    assertThat(verifier.verify(post(COMMENT, "sha256=" + Signing.hex(APP_SECRET, COMMENT))))
        .isInstanceOf(WebhookResult.Delivery.class);
  }

  @Test
  void a_signed_body_that_is_not_json_is_a_payload_error() {
    assertThatThrownBy(() -> verifier.verify(post("not json", "sha256=" + Signing.hex(APP_SECRET, "not json"))))
        .isInstanceOf(WebhookPayloadException.class);
  }

  @Test
  void without_a_resolved_account_items_carry_no_interaction() {
    WebhookVerifier plain = WebhookVerifiers.meta(Platform.INSTAGRAM, Secret.of(APP_SECRET), Secret.of("t"),
        WebhookSettings.builder().clock(clock).build());
    var delivery = (WebhookResult.Delivery) plain.verify(post(COMMENT, "sha256=" + Signing.hex(APP_SECRET, COMMENT)));
    assertThat(delivery.items().get(0).asInteraction()).isEmpty();
  }
}
