package dev.chorus.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.connector.Secret;
import dev.chorus.model.Platform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the webhook verifiers of Meta, X, TikTok, LinkedIn and YouTube: random bodies, headers and
 * query strings give a result or a {@link WebhookException}; a request whose signature is wrong
 * never reaches parsing and marks nothing as seen; a correctly signed but mangled body gives a
 * result or a {@link WebhookPayloadException}.
 */
class WebhookFuzzTest {

  static final Instant NOW = PlatformWebhooksTest.NOW;
  static final String META_SECRET = "meta-app-secret";

  /** One platform: its verifier, its signature header, how to sign a body, and a real payload. */
  record Scheme(String name, String header, BiFunction<Long, String, String> sign, String sample,
      java.util.function.Function<WebhookSettings, WebhookVerifier> verifier) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Scheme> SCHEMES = List.of(
      new Scheme("meta", "X-Hub-Signature-256", (t, body) -> "sha256=" + Signing.hex(META_SECRET, body),
          MetaWebhookTest.COMMENT,
          s -> WebhookVerifiers.meta(Platform.INSTAGRAM, Secret.of(META_SECRET), Secret.of("verify-me"), s)),
      new Scheme("x", "x-twitter-webhooks-signature",
          (t, body) -> "sha256=" + Signing.base64(PlatformWebhooksTest.X_SECRET, body), PlatformWebhooksTest.X_MENTION,
          s -> WebhookVerifiers.x(Secret.of(PlatformWebhooksTest.X_SECRET), s)),
      new Scheme("tiktok", "TikTok-Signature",
          (t, body) -> PlatformWebhooksTest.ttHeader(PlatformWebhooksTest.TT_SECRET, t, body), PlatformWebhooksTest.TT_BODY,
          s -> WebhookVerifiers.tiktok(Secret.of(PlatformWebhooksTest.TT_SECRET), s)),
      new Scheme("linkedin", "X-LI-Signature",
          (t, body) -> Signing.hex(PlatformWebhooksTest.LI_SECRET, "hmacsha256=" + body), PlatformWebhooksTest.LI_BODY,
          s -> WebhookVerifiers.linkedin(Secret.of(PlatformWebhooksTest.LI_SECRET), s)),
      new Scheme("youtube", "X-Hub-Signature",
          (t, body) -> "sha1=" + HexFormat.of().formatHex(Signing.hmac("HmacSHA1", PlatformWebhooksTest.HUB_SECRET, body)),
          PlatformWebhooksTest.ATOM,
          s -> WebhookVerifiers.youtube(Secret.of(PlatformWebhooksTest.HUB_SECRET), Set.of(PlatformWebhooksTest.TOPIC), s)));

  /** Records every key the verifier marks as seen, so a test can tell that nothing was stored. */
  static final class RecordingSeenIds implements SeenIds {
    final List<String> keys = new ArrayList<>();

    @Override
    public synchronized boolean firstSeen(String key) {
      keys.add(key);
      return true;
    }
  }

  private static WebhookSettings settings(SeenIds seen) {
    return WebhookSettings.builder().clock(new Signing.TestClock(NOW)).seenIds(seen)
        .accounts(AccountResolver.PLATFORM_IDS).build();
  }

  @Property(tries = 300, seed = "20261128")
  void random_requests_give_a_result_or_a_webhook_exception_and_unsigned_ones_store_nothing(
      @ForAll("schemes") Scheme scheme, @ForAll("methods") String method, @ForAll("bodies") String body,
      @ForAll("signatures") String signature, @ForAll("queries") String query) {
    RecordingSeenIds seen = new RecordingSeenIds();
    WebhookVerifier verifier = scheme.verifier().apply(settings(seen));
    WebhookRequest request;
    try {
      WebhookRequest.Builder builder = WebhookRequest.builder(method, NOW).body(body).rawQuery(query);
      if (!signature.isEmpty()) {
        builder.header(scheme.header(), signature);
      }
      request = builder.build();
    } catch (dev.chorus.InvalidValueException badRequest) {
      // The host's HTTP layer hands over something that is not a request (bad percent-encoding).
      assertThat(badRequest.field()).startsWith("webhookRequest");
      return;
    }
    try {
      WebhookResult result = verifier.verify(request);
      if (!(result instanceof WebhookResult.Handshake)) {
        // Only a verified delivery may be parsed; a random signature matching is a 2^-160 event.
        assertThat(signature).isEqualTo(scheme.sign().apply(NOW.getEpochSecond(), body));
      }
    } catch (WebhookSignatureException | WebhookReplayException refused) {
      assertThat(seen.keys).isEmpty();
    } catch (WebhookPayloadException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 300, seed = "20261129")
  void signed_mangled_bodies_give_a_result_or_a_payload_exception(
      @ForAll("schemes") Scheme scheme, @ForAll long mutationSeed, @ForAll("ages") long ageSeconds) {
    RecordingSeenIds seen = new RecordingSeenIds();
    WebhookVerifier verifier = scheme.verifier().apply(settings(seen));
    String body = dev.chorus.json.JsonMutations.mutate(scheme.sample(), new java.util.Random(mutationSeed));
    long t = NOW.getEpochSecond() - ageSeconds;
    WebhookRequest request = WebhookRequest.builder("POST", NOW).body(body)
        .header(scheme.header(), scheme.sign().apply(t, body)).build();
    try {
      WebhookResult result = verifier.verify(request);
      assertThat(result).isInstanceOfAny(WebhookResult.Delivery.class, WebhookResult.Duplicate.class);
    } catch (WebhookReplayException stale) {
      assertThat(scheme.name()).isEqualTo("tiktok");
      assertThat(seen.keys).isEmpty();
    } catch (WebhookPayloadException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  @net.jqwik.api.Example
  void a_signed_id_or_time_past_64_bits_is_not_a_raw_jackson_error() {
    // Found by the property above (seed 20261129): X's id_str given as a number past Long.MAX_VALUE.
    for (Scheme scheme : SCHEMES) {
      for (String number : List.of("99999999999999999999999999", "-9000000000000000000")) {
        String body = scheme.sample().replaceAll("(\"(id_str|create_time|time|notificationId)\":)\\s*\"?[^,}\"]*\"?", "$1" + number);
        WebhookVerifier verifier = scheme.verifier().apply(settings(new RecordingSeenIds()));
        WebhookRequest request = WebhookRequest.builder("POST", NOW).body(body)
            .header(scheme.header(), scheme.sign().apply(NOW.getEpochSecond(), body)).build();
        try {
          assertThat(verifier.verify(request)).isNotNull();
        } catch (WebhookPayloadException refused) {
          assertThat(refused.platform()).isNotNull();
        }
      }
    }
  }

  @Provide
  Arbitrary<Scheme> schemes() {
    return Arbitraries.of(SCHEMES);
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("POST", "GET", "post", "PUT", "");
  }

  @Provide
  Arbitrary<Long> ages() {
    // Inside the five-minute window mostly; sometimes far outside or in the future.
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.longs().between(0, 299)),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-100_000, 100_000)));
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> samples = Arbitraries.of(SCHEMES).map(Scheme::sample);
    return Arbitraries.oneOf(samples, Arbitraries.strings().ofMaxLength(200),
        Arbitraries.of("", "{}", "[]", "null", "{\"entry\":[{\"changes\":[null]}]}", "<feed><entry/></feed>",
            "{\"tweet_create_events\":[{}]}", "{\"notificationId\":\"x\"}", "{\"create_time\":1e999}"));
  }

  @Provide
  Arbitrary<String> signatures() {
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(80),
        Arbitraries.of("", "sha256=", "sha1=", "sha256=zz", "t=,s=", "t=99999999999999999999,s=00", "t=-1,s=",
            "t=1,t=2,s=3", "s=abc", "sha512=" + "0".repeat(128), "=", ",,,"),
        Arbitraries.strings().withCharRange('0', 'f').ofLength(64).map(hex -> "sha256=" + hex));
  }

  @Provide
  Arbitrary<String> queries() {
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(60),
        Arbitraries.of("", "crc_token=", "crc_token=abc", "hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1",
            "hub.mode=subscribe&hub.topic=" + PlatformWebhooksTest.TOPIC + "&hub.challenge=%zz",
            "hub.mode=unsubscribe&hub.lease_seconds=99999999999999999999", "challengeCode=%", "a=b&&=&c", "%%%"));
  }
}
