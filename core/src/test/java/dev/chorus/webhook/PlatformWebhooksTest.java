package dev.chorus.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.connector.Secret;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlatformWebhooksTest {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  final Signing.TestClock clock = new Signing.TestClock(NOW);
  final WebhookSettings settings =
      WebhookSettings.builder().clock(clock).accounts(AccountResolver.PLATFORM_IDS).build();

  static WebhookRequest post(String header, String value, String body) {
    WebhookRequest.Builder b = WebhookRequest.builder("POST", NOW).body(body);
    if (value != null) {
      b.header(header, value);
    }
    return b.build();
  }

  // --- X -----------------------------------------------------------------------------------

  static final String X_SECRET = "x-consumer-secret";
  static final String X_MENTION = """
      {"for_user_id":"2244994945","user_has_blocked":"false","tweet_create_events":[{
        "created_at":"Sun Mar 01 11:59:00 +0000 2026","id_str":"1895000000000000001",
        "text":"@TwitterDev what a launch","in_reply_to_status_id_str":null,
        "user":{"id_str":"6253282","screen_name":"fan","name":"A Fan"},"brand_new":1}]}""";
  final WebhookVerifier x = WebhookVerifiers.x(Secret.of(X_SECRET), settings);

  @Test
  void x_answers_the_crc_with_the_base64_hmac_of_the_token() {
    var result = (WebhookResult.Handshake) x.verify(
        WebhookRequest.builder("GET", NOW).queryParameter("crc_token", "challenge_string").build());
    assertThat(result.response().contentType()).startsWith("application/json");
    assertThat(result.response().body())
        .isEqualTo("{\"response_token\":\"sha256=" + Signing.base64(X_SECRET, "challenge_string") + "\"}");
  }

  @Test
  void x_parses_a_signed_mention_and_refuses_tampering_wrong_key_missing_header() {
    String good = "sha256=" + Signing.base64(X_SECRET, X_MENTION);
    var delivery = (WebhookResult.Delivery) x.verify(post("X-Twitter-Webhooks-Signature", good, X_MENTION));
    WebhookItem item = delivery.items().get(0);
    assertThat(item.type()).isEqualTo("tweet_create_events");
    assertThat(item.interaction().kind()).isEqualTo(InteractionKind.MENTION);
    assertThat(item.interaction().authorHandle()).isEqualTo("@fan");
    assertThat(item.interaction().createdAt()).isEqualTo(Instant.parse("2026-03-01T11:59:00Z"));
    assertThat(item.interaction().accountId().value()).isEqualTo("2244994945");

    assertThatThrownBy(() -> x.verify(post("x-twitter-webhooks-signature", good, X_MENTION.replace("launch", "flop"))))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("x-twitter-webhooks-signature");
    assertThatThrownBy(() -> x.verify(post("x-twitter-webhooks-signature",
        "sha256=" + Signing.base64("wrong", X_MENTION), X_MENTION)))
        .isInstanceOf(WebhookSignatureException.class).hasMessageNotContaining(X_SECRET);
    assertThatThrownBy(() -> x.verify(post("x-twitter-webhooks-signature", null, X_MENTION)))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("missing");
  }

  @Test
  void x_replayed_delivery_is_a_duplicate_and_own_posts_are_not_interactions() {
    String good = "sha256=" + Signing.base64(X_SECRET, X_MENTION);
    x.verify(post("x-twitter-webhooks-signature", good, X_MENTION));
    assertThat(x.verify(post("x-twitter-webhooks-signature", good, X_MENTION)))
        .isInstanceOf(WebhookResult.Duplicate.class);

    String own = """
        {"for_user_id":"1","tweet_create_events":[{"id_str":"77","text":"hi","created_at":"Sun Mar 01 11:59:00 +0000 2026",
          "user":{"id_str":"1","screen_name":"me"}}],"favorite_events":[{"id":"fav1","favorited_status":{}}]}""";
    var d = (WebhookResult.Delivery) x.verify(post("x-twitter-webhooks-signature", "sha256=" + Signing.base64(X_SECRET, own), own));
    assertThat(d.items()).extracting(WebhookItem::type).containsExactly("tweet_create_events", "favorite_events");
    assertThat(d.items()).allSatisfy(i -> assertThat(i.interaction()).isNull());
  }

  @Test
  void x_parses_an_incoming_direct_message() {
    String body = """
        {"for_user_id":"4337869213","direct_message_events":[{"type":"message_create","id":"954491830116155396",
          "created_timestamp":"1516403560557","message_create":{"target":{"recipient_id":"4337869213"},
          "sender_id":"3001969357","message_data":{"text":"Hello World!"}}}],
         "users":{"3001969357":{"id":"3001969357","name":"Jordan Brinks","screen_name":"furiouscamper"}}}""";
    var d = (WebhookResult.Delivery) x.verify(post("x-twitter-webhooks-signature", "sha256=" + Signing.base64(X_SECRET, body), body));
    var dm = d.items().get(0).interaction();
    assertThat(dm.kind()).isEqualTo(InteractionKind.DIRECT_MESSAGE);
    assertThat(dm.authorHandle()).isEqualTo("@furiouscamper");
    assertThat(dm.createdAt()).isEqualTo(Instant.ofEpochMilli(1516403560557L));
  }

  // --- TikTok ------------------------------------------------------------------------------

  static final String TT_SECRET = "tiktok-client-secret";
  static final String TT_BODY = """
      {"client_key":"bwo2m45353a6k85","event":"authorization.removed","create_time":1615338610,
       "user_openid":"act.example12345Example12345Example","content":"{\\"reason\\": 1 }"}""";
  final WebhookVerifier tiktok = WebhookVerifiers.tiktok(Secret.of(TT_SECRET), settings);

  static String ttHeader(String secret, long t, String body) {
    return "t=" + t + ",s=" + Signing.hex(secret, t + "." + body);
  }

  @Test
  void tiktok_verifies_the_timestamped_signature_and_parses_the_event() {
    long t = NOW.getEpochSecond() - 30;
    var d = (WebhookResult.Delivery) tiktok.verify(post("Tiktok-Signature", ttHeader(TT_SECRET, t, TT_BODY), TT_BODY));
    assertThat(d.items().get(0).type()).isEqualTo("authorization.removed");
    assertThat(d.items().get(0).raw().path("client_key").stringValue()).isEqualTo("bwo2m45353a6k85");
    assertThat(tiktok.verify(post("TikTok-Signature", ttHeader(TT_SECRET, t, TT_BODY), TT_BODY)))
        .isInstanceOf(WebhookResult.Duplicate.class);
  }

  @Test
  void tiktok_refuses_tampered_wrong_key_missing_and_stale() {
    long t = NOW.getEpochSecond();
    assertThatThrownBy(() -> tiktok.verify(post("TikTok-Signature", ttHeader(TT_SECRET, t, TT_BODY), TT_BODY + " ")))
        .isInstanceOf(WebhookSignatureException.class);
    // The timestamp is signed: moving it breaks the signature.
    String moved = ttHeader(TT_SECRET, t, TT_BODY).replace("t=" + t, "t=" + (t + 1));
    assertThatThrownBy(() -> tiktok.verify(post("TikTok-Signature", moved, TT_BODY)))
        .isInstanceOf(WebhookSignatureException.class);
    assertThatThrownBy(() -> tiktok.verify(post("TikTok-Signature", ttHeader("wrong", t, TT_BODY), TT_BODY)))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("TikTok-Signature");
    assertThatThrownBy(() -> tiktok.verify(post("TikTok-Signature", null, TT_BODY)))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("missing");
    assertThatThrownBy(() -> tiktok.verify(post("TikTok-Signature", "s=abcd", TT_BODY)))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("malformed");
    long stale = NOW.minus(Duration.ofMinutes(6)).getEpochSecond();
    assertThatThrownBy(() -> tiktok.verify(post("TikTok-Signature", ttHeader(TT_SECRET, stale, TT_BODY), TT_BODY)))
        .isInstanceOfSatisfying(WebhookReplayException.class,
            e -> assertThat(e.signedAt()).isEqualTo(Instant.ofEpochSecond(stale)));
  }

  // --- LinkedIn ----------------------------------------------------------------------------

  static final String LI_SECRET = "linkedin-client-secret";
  static final String LI_BODY = """
      {"notificationId":80541721,"type":"LEAD_ACTION","organizationalEntity":"urn:li:organization:5515715"}""";
  final WebhookVerifier linkedin = WebhookVerifiers.linkedin(Secret.of(LI_SECRET), settings);

  @Test
  void linkedin_answers_the_challenge_code() {
    var h = (WebhookResult.Handshake) linkedin.verify(WebhookRequest.builder("GET", NOW)
        .rawQuery("challengeCode=890e4665-4dfe-4ab1-b689-ed553bceeed0").build());
    assertThat(h.response().body()).isEqualTo("{\"challengeCode\":\"890e4665-4dfe-4ab1-b689-ed553bceeed0\","
        + "\"challengeResponse\":\"" + Signing.hex(LI_SECRET, "890e4665-4dfe-4ab1-b689-ed553bceeed0") + "\"}");
  }

  @Test
  void linkedin_verifies_x_li_signature_and_deduplicates_by_notification_id() {
    String sig = Signing.hex(LI_SECRET, "hmacsha256=" + LI_BODY);
    var d = (WebhookResult.Delivery) linkedin.verify(post("X-LI-Signature", sig, LI_BODY));
    assertThat(d.items().get(0).eventId()).isEqualTo("80541721");
    assertThat(d.items().get(0).type()).isEqualTo("LEAD_ACTION");
    assertThat(linkedin.verify(post("X-LI-Signature", "hmacsha256=" + sig, LI_BODY)))
        .isInstanceOf(WebhookResult.Duplicate.class);
    assertThatThrownBy(() -> linkedin.verify(post("X-LI-Signature", sig, LI_BODY.replace("805", "806"))))
        .isInstanceOf(WebhookSignatureException.class);
    assertThatThrownBy(() -> linkedin.verify(post("X-LI-Signature", Signing.hex("wrong", "hmacsha256=" + LI_BODY), LI_BODY)))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("X-LI-Signature");
    assertThatThrownBy(() -> linkedin.verify(post("X-LI-Signature", null, LI_BODY)))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("missing");
  }

  // --- YouTube (WebSub) --------------------------------------------------------------------

  static final String TOPIC = "https://www.youtube.com/xml/feeds/videos.xml?channel_id=CHANNEL_ID";
  static final String HUB_SECRET = "hub-secret";
  static final String ATOM = """
      <feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns="http://www.w3.org/2005/Atom">
        <link rel="hub" href="https://pubsubhubbub.appspot.com"/>
        <title>YouTube video feed</title>
        <updated>2026-03-01T11:59:00.000000+00:00</updated>
        <entry>
          <id>yt:video:VIDEO_ID</id>
          <yt:videoId>VIDEO_ID</yt:videoId>
          <yt:channelId>CHANNEL_ID</yt:channelId>
          <title>Video title</title>
          <link rel="alternate" href="http://www.youtube.com/watch?v=VIDEO_ID"/>
          <published>2026-03-01T11:58:00+00:00</published>
          <updated>2026-03-01T11:59:00.000000+00:00</updated>
        </entry>
      </feed>""";
  final WebhookVerifier youtube = WebhookVerifiers.youtube(Secret.of(HUB_SECRET), Set.of(TOPIC), settings);

  @Test
  void youtube_confirms_intent_only_for_subscribed_topics() {
    var h = (WebhookResult.Handshake) youtube.verify(WebhookRequest.builder("GET", NOW)
        .queryParameter("hub.mode", "subscribe").queryParameter("hub.topic", TOPIC)
        .queryParameter("hub.challenge", "abc123").queryParameter("hub.lease_seconds", "432000").build());
    assertThat(h.response().body()).isEqualTo("abc123");
    assertThatThrownBy(() -> youtube.verify(WebhookRequest.builder("GET", NOW)
        .queryParameter("hub.mode", "subscribe").queryParameter("hub.topic", "https://evil.example/feed")
        .queryParameter("hub.challenge", "abc123").build()))
        .isInstanceOf(WebhookPayloadException.class);
  }

  @Test
  void youtube_verifies_the_sha1_signature_and_parses_the_atom_entry() {
    String sig = "sha1=" + java.util.HexFormat.of().formatHex(Signing.hmac("HmacSHA1", HUB_SECRET, ATOM));
    var d = (WebhookResult.Delivery) youtube.verify(post("X-Hub-Signature", sig, ATOM));
    WebhookItem item = d.items().get(0);
    assertThat(item.raw().path("videoId").stringValue()).isEqualTo("VIDEO_ID");
    assertThat(item.raw().path("channelId").stringValue()).isEqualTo("CHANNEL_ID");
    assertThat(youtube.verify(post("X-Hub-Signature", sig, ATOM))).isInstanceOf(WebhookResult.Duplicate.class);
    assertThatThrownBy(() -> youtube.verify(post("X-Hub-Signature", sig, ATOM.replace("Video title", "Other"))))
        .isInstanceOf(WebhookSignatureException.class);
    String wrong = "sha1=" + java.util.HexFormat.of().formatHex(Signing.hmac("HmacSHA1", "wrong", ATOM));
    assertThatThrownBy(() -> youtube.verify(post("X-Hub-Signature", wrong, ATOM)))
        .isInstanceOf(WebhookSignatureException.class);
    assertThatThrownBy(() -> youtube.verify(post("X-Hub-Signature", null, ATOM)))
        .isInstanceOf(WebhookSignatureException.class).hasMessageContaining("X-Hub-Signature");
  }

  @Test
  void youtube_refuses_a_doctype_even_when_signed() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE f [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><feed>&x;</feed>";
    String sig = "sha1=" + java.util.HexFormat.of().formatHex(Signing.hmac("HmacSHA1", HUB_SECRET, xxe));
    assertThatThrownBy(() -> youtube.verify(post("X-Hub-Signature", sig, xxe)))
        .isInstanceOf(WebhookPayloadException.class);
  }

  // --- Registry ----------------------------------------------------------------------------

  @Test
  void the_registry_routes_by_platform_id_and_refuses_unknown_ones() {
    WebhookVerifiers registry = WebhookVerifiers.of(List.of(x, tiktok, linkedin));
    assertThat(registry.platforms()).containsExactlyInAnyOrder("x", "tiktok", "linkedin");
    assertThat(registry.verify("x", WebhookRequest.builder("GET", NOW).queryParameter("crc_token", "t").build()))
        .isInstanceOf(WebhookResult.Handshake.class);
    assertThatThrownBy(() -> registry.verify("myspace", WebhookRequest.builder("GET", NOW).build()))
        .isInstanceOf(dev.chorus.InvalidValueException.class).hasMessageContaining("myspace");
    assertThatThrownBy(() -> WebhookVerifiers.of(List.of(x, WebhookVerifiers.x(Secret.of("s"), settings))))
        .isInstanceOf(dev.chorus.InvalidValueException.class);
    assertThat(x.platform()).isEqualTo(Platform.X);
  }

  @Test
  void requests_match_header_names_case_insensitively_and_hide_their_body() {
    WebhookRequest r = WebhookRequest.builder("post", NOW).header("X-A", "1").header("x-a", "2").body("secret body").build();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.headers("X-a")).containsExactly("1", "2");
    assertThat(r.toString()).doesNotContain("secret body");
  }
}
