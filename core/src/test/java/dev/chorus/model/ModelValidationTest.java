package dev.chorus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule of the domain model: the typed error, the field it names, and the value. */
class ModelValidationTest {

  private static final WorkspaceId WS = WorkspaceId.of("ws-1");
  private static final AccountId ACC = AccountId.of("acc-1");
  private static final ActorId ACTOR = ActorId.of("actor-1");
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private static final URI IMG = URI.create("file:///a.png");

  static void assertInvalid(ThrowingCallable call, String field, String valueInMessage) {
    assertThatThrownBy(call)
        .isInstanceOf(InvalidValueException.class)
        .satisfies(
            e -> {
              InvalidValueException invalid = (InvalidValueException) e;
              assertThat(invalid.field()).isEqualTo(field);
              assertThat(invalid.getMessage()).startsWith(field + ": ").contains("(was " + valueInMessage);
            });
  }

  private static MediaAsset image() {
    return MediaAsset.builder(MediaKind.IMAGE, IMG, "image/png").build();
  }

  private static Campaign.Builder campaign() {
    return Campaign.builder(WS, "Spring", Objective.SALES)
        .dates(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"));
  }

  private static Audience audience(List<String> languages, Demographics demographics) {
    return new Audience(
        AudienceId.of("aud-1"), WS, "Fans", demographics, List.of(), languages, Set.of(), ZoneId.of("UTC"), null, null);
  }

  @Nested
  class Ids {
    static Stream<Arguments> idTypes() {
      return Stream.of(
          Arguments.of("workspaceId", (Function<String, Object>) WorkspaceId::of),
          Arguments.of("postId", (Function<String, Object>) PostId::of),
          Arguments.of("accountId", (Function<String, Object>) AccountId::of),
          Arguments.of("actorId", (Function<String, Object>) ActorId::of),
          Arguments.of("audienceId", (Function<String, Object>) AudienceId::of),
          Arguments.of("campaignId", (Function<String, Object>) CampaignId::of),
          Arguments.of("credentialsRef", (Function<String, Object>) CredentialsRef::of));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("idTypes")
    void rejects_blank_and_null_ids(String field, Function<String, Object> factory) {
      assertInvalid(() -> factory.apply("   "), field, "\"   \"");
      assertInvalid(() -> factory.apply(""), field, "\"\"");
      assertInvalid(() -> factory.apply(null), field, "null");
      assertThat(factory.apply("ok-1").toString()).contains("ok-1");
    }

    @Test
    void rejects_ids_longer_than_200_characters() {
      String longId = "a".repeat(201);

      assertInvalid(() -> PostId.of(longId), "postId", "\"aaaa");
      assertThat(PostId.of("a".repeat(200)).value()).hasSize(200);
    }

    @Test
    void random_ids_differ() {
      assertThat(PostId.random()).isNotEqualTo(PostId.random());
    }
  }

  @Nested
  class PlatformsAndMetrics {
    @Test
    void rejects_bad_platform_ids() {
      assertInvalid(() -> Platform.of("X"), "platform", "\"X\"");
      assertInvalid(() -> Platform.of("my platform"), "platform", "\"my platform\"");
      assertInvalid(() -> Platform.of("1x"), "platform", "\"1x\"");
      assertInvalid(() -> Platform.of(null), "platform", "null");
      assertThat(Platform.of("my-fediverse.v2")).isEqualTo(new Platform("my-fediverse.v2"));
    }

    @Test
    void rejects_bad_metric_names() {
      assertInvalid(() -> Metric.of("Likes"), "metric", "\"Likes\"");
      assertInvalid(() -> Metric.of("link-clicks"), "metric", "\"link-clicks\"");
      assertInvalid(() -> Metric.of(""), "metric", "\"\"");
      assertThat(Metric.of("link_clicks")).isEqualTo(Metric.LINK_CLICKS);
    }

    @Test
    void rejects_negative_metric_value_in_snapshot() {
      assertInvalid(
          () -> new MetricSnapshot(Platform.X, ACC, null, T0, Map.of(Metric.LIKES, -1L)),
          "snapshot.values.likes",
          "-1");
    }

    @Test
    void rejects_blank_external_post_id_and_missing_capture_time() {
      assertInvalid(() -> new MetricSnapshot(Platform.X, ACC, " ", T0, Map.of()), "snapshot.externalPostId", "\" \"");
      assertInvalid(() -> new MetricSnapshot(Platform.X, ACC, null, null, Map.of()), "snapshot.capturedAt", "null");
    }

    @Test
    void rejects_null_value_in_snapshot_map() {
      Map<Metric, Long> values = new HashMap<>();
      values.put(Metric.REACH, null);

      assertInvalid(() -> new MetricSnapshot(Platform.X, ACC, null, T0, values), "snapshot.values.reach", "null");
    }
  }

  @Nested
  class MoneyRules {
    @Test
    void rejects_negative_money() {
      assertInvalid(() -> Money.of("-0.01", "EUR"), "money.amount", "\"-0.01\"");
    }

    @Test
    void rejects_unknown_currency() {
      assertInvalid(() -> Money.of("1", "XYZ"), "money.currency", "\"XYZ\"");
      assertInvalid(() -> Money.of("1", "euro"), "money.currency", "\"euro\"");
      assertInvalid(() -> Money.of("1", " "), "money.currency", "\" \"");
    }

    @Test
    void rejects_amount_that_is_not_a_number() {
      assertInvalid(() -> Money.of("12,50", "EUR"), "money.amount", "\"12,50\"");
    }

    @Test
    void has_one_canonical_scale() {
      assertThat(Money.of("12.5", "EUR")).isEqualTo(Money.of("12.50", "EUR"));
      assertThat(Money.of("12.5", "EUR").hashCode()).isEqualTo(Money.of("12.500", "EUR").hashCode());
      assertThat(Money.of("12.5", "EUR").amount().toPlainString()).isEqualTo("12.50");
      assertThat(Money.of("1500.00", "JPY").amount().toPlainString()).isEqualTo("1500");
      assertThat(Money.of("1500", "JPY")).isEqualTo(Money.of("1500.0", "JPY"));
      assertThat(Money.of("0.0012", "USD").amount().toPlainString()).isEqualTo("0.0012");
      assertThat(Money.of(new BigDecimal("5E+3"), "EUR").amount().toPlainString()).isEqualTo("5000.00");
    }

    @Test
    void refuses_arithmetic_across_currencies() {
      assertInvalid(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")), "money.currency", "\"USD\"");
      assertThat(Money.of("1.25", "EUR").plus(Money.of("2", "EUR"))).isEqualTo(Money.of("3.25", "EUR"));
      assertThat(Money.of("3", "EUR").isGreaterThan(Money.of("2.99", "EUR"))).isTrue();
    }
  }

  @Nested
  class Content {
    @Test
    void rejects_empty_content() {
      assertInvalid(() -> new PostContent(null, List.of(), null, List.of()), "content.text", "\"\"");
      assertInvalid(() -> PostContent.text("  \n"), "content.text", "\"  \n\"");
    }

    @Test
    void accepts_content_with_only_media_or_only_link() {
      assertThat(new PostContent(null, List.of(image()), null, null).text()).isEmpty();
      assertThat(new PostContent("", null, URI.create("https://e.com"), null).media()).isEmpty();
    }

    @Test
    void rejects_tags_with_hash_or_whitespace() {
      assertInvalid(
          () -> new PostContent("hi", List.of(), null, List.of("ok", "#coffee")), "content.tags[1]", "\"#coffee\"");
      assertInvalid(() -> new PostContent("hi", List.of(), null, List.of("two words")), "content.tags[0]", "\"two words\"");
      assertInvalid(() -> new PostContent("hi", List.of(), null, List.of(" ")), "content.tags[0]", "\" \"");
    }

    @Test
    void rejects_null_list_elements_by_index() {
      List<MediaAsset> media = new ArrayList<>(List.of(image()));
      media.add(null);

      assertInvalid(() -> new PostContent("hi", media, null, List.of()), "content.media[1]", "null");
    }

    @Test
    void rejects_poll_with_one_option() {
      assertInvalid(() -> new Poll(List.of("Yes"), Duration.ofHours(1)), "poll.options", "[Yes]");
    }

    @Test
    void rejects_poll_with_duplicate_options() {
      assertInvalid(() -> new Poll(List.of("Yes", "No", " Yes "), Duration.ofHours(1)), "poll.options[2]", "\" Yes \"");
      assertInvalid(() -> new Poll(List.of("Yes", " "), Duration.ofHours(1)), "poll.options[1]", "\" \"");
    }

    @Test
    void rejects_poll_with_zero_or_negative_duration() {
      assertInvalid(() -> new Poll(List.of("A", "B"), Duration.ZERO), "poll.duration", "PT0S");
      assertInvalid(() -> new Poll(List.of("A", "B"), Duration.ofMinutes(-5)), "poll.duration", "PT-5M");
      assertInvalid(() -> new Poll(List.of("A", "B"), null), "poll.duration", "null");
    }

    @Test
    void rejects_thread_parts_without_thread_format() {
      assertInvalid(
          () -> PostVariant.builder(PostFormat.FEED).threadParts(List.of(ThreadPart.of("2/"))).build(),
          "variant.threadParts",
          "\"1 parts\"");
      assertThat(PostVariant.builder(PostFormat.THREAD).threadParts(List.of(ThreadPart.of("2/"))).build().threadParts())
          .hasSize(1);
    }

    @Test
    void rejects_empty_thread_part_and_blank_first_comment() {
      assertInvalid(() -> ThreadPart.of(" "), "threadPart.text", "\" \"");
      assertInvalid(() -> PostVariant.builder(PostFormat.FEED).firstComment("").build(), "variant.firstComment", "\"\"");
      assertInvalid(() -> PostVariant.of(null), "variant.format", "null");
    }

    @Test
    void rejects_bad_media_facts() {
      assertInvalid(() -> MediaAsset.builder(MediaKind.IMAGE, IMG, "png").build(), "media.mimeType", "\"png\"");
      assertInvalid(() -> MediaAsset.builder(MediaKind.IMAGE, null, "image/png").build(), "media.source", "null");
      assertInvalid(
          () -> MediaAsset.builder(MediaKind.IMAGE, IMG, "image/png").byteSize(-1L).build(), "media.byteSize", "-1");
      assertInvalid(
          () -> MediaAsset.builder(MediaKind.IMAGE, IMG, "image/png").dimensions(0, 10).build(), "media.width", "0");
      assertInvalid(
          () -> MediaAsset.builder(MediaKind.IMAGE, IMG, "image/png").dimensions(10, -3).build(), "media.height", "-3");
      assertInvalid(
          () -> MediaAsset.builder(MediaKind.VIDEO, IMG, "video/mp4").duration(Duration.ofSeconds(-1)).build(),
          "media.duration",
          "PT-1S");
      assertInvalid(
          () -> MediaAsset.builder(MediaKind.IMAGE, IMG, "image/png").altText(" ").build(), "media.altText", "\" \"");
    }
  }

  @Nested
  class Posts {
    private Post post(List<PostTarget> targets, Instant createdAt, Instant updatedAt, long version) {
      return new Post(
          PostId.of("p"), WS, null, PostContent.text("hi"), targets, null, ACTOR, createdAt, updatedAt, version);
    }

    @Test
    void rejects_duplicate_account_in_targets() {
      List<PostTarget> targets = List.of(PostTarget.draft(ACC), PostTarget.draft(ACC, PostVariant.of(PostFormat.STORY)));

      assertInvalid(() -> post(targets, T0, T0, 0), "post.targets", "acc-1");
    }

    @Test
    void rejects_update_before_creation_and_negative_version() {
      assertInvalid(() -> post(List.of(), T0, T0.minusSeconds(1), 0), "post.updatedAt", "2026-03-01T08:59:59Z");
      assertInvalid(() -> post(List.of(), T0, T0, -1), "post.version", "-1");
      assertInvalid(
          () -> new Post(PostId.of("p"), WS, null, PostContent.text("hi"), List.of(), " ", ACTOR, T0, T0, 0),
          "post.pillar",
          "\" \"");
    }

    @Test
    void rejects_missing_creation_data_through_builder() {
      assertInvalid(() -> Post.builder(WS, PostContent.text("hi")).createdAt(T0).build(), "post.createdBy", "null");
      assertInvalid(() -> Post.builder(WS, PostContent.text("hi")).createdBy(ACTOR).build(), "post.createdAt", "null");
    }

    @Test
    void with_target_rejects_an_account_that_is_not_targeted() {
      Post post = post(List.of(PostTarget.draft(ACC)), T0, T0, 0);

      assertInvalid(() -> post.withTarget(PostTarget.draft(AccountId.of("other"))), "accountId", "other");
    }

    @Test
    void rejects_negative_approvals_and_missing_state() {
      assertInvalid(() -> PostTarget.draft(ACC).withApprovalsGiven(-1), "target.approvalsGiven", "-1");
      assertInvalid(() -> PostTarget.draft(ACC).withState(null), "target.state", "null");
      assertInvalid(() -> new PublishedRef(" ", null, T0), "published.externalId", "\" \"");
      assertInvalid(() -> new PublishedRef("id", null, null), "published.publishedAt", "null");
    }
  }

  @Nested
  class Campaigns {
    @Test
    void rejects_campaign_ending_before_it_starts() {
      assertInvalid(
          () -> campaign().dates(LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-09")).build(),
          "campaign.endDate",
          "2026-03-09");
      assertThat(campaign().dates(LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-10")).build().endDate())
          .isEqualTo("2026-03-10");
    }

    @Test
    void rejects_spend_without_budget() {
      assertInvalid(() -> campaign().spend(Money.of("10", "EUR")).build(), "campaign.spend", "10.00 EUR");
    }

    @Test
    void rejects_spend_in_another_currency() {
      assertInvalid(
          () -> campaign().budget(Money.of("100", "EUR")).spend(Money.of("10", "USD")).build(),
          "campaign.spend",
          "10.00 USD");
    }

    @Test
    void defaults_spend_to_zero_in_budget_currency() {
      assertThat(campaign().budget(Money.of("100", "JPY")).build().spend()).isEqualTo(Money.of("0", "JPY"));
      assertThat(campaign().build().spend()).isNull();
    }

    @Test
    void rejects_duplicate_kpi_targets() {
      List<KpiTarget> targets = List.of(KpiTarget.of("reach", "1000"), KpiTarget.of("reach", "2000"));

      assertInvalid(() -> campaign().kpiTargets(targets).build(), "campaign.kpiTargets", "\"reach\"");
    }

    @Test
    void rejects_bad_kpi_target_values() {
      assertInvalid(() -> KpiTarget.of("reach", "-1"), "kpiTarget.target", "\"-1\"");
      assertInvalid(() -> KpiTarget.of("reach", "lots"), "kpiTarget.target", "\"lots\"");
      assertInvalid(() -> KpiTarget.of(" ", "1"), "kpiTarget.kpiId", "\" \"");
    }

    @Test
    void rejects_blank_name_and_missing_dates() {
      assertInvalid(() -> Campaign.builder(WS, " ", Objective.SALES).build(), "campaign.name", "\" \"");
      assertInvalid(() -> Campaign.builder(WS, "x", Objective.SALES).build(), "campaign.startDate", "null");
      assertInvalid(() -> Campaign.builder(WS, "x", null).build(), "campaign.objective", "null");
    }

    @Test
    void rejects_incomplete_utm_parameters() {
      assertInvalid(() -> UtmParameters.of("social", " ", "spring"), "utm.medium", "\" \"");
      assertInvalid(() -> new UtmParameters("a", "b", "c", "", null), "utm.term", "\"\"");
    }

    @Test
    void rejects_bad_kpi_definition_id() {
      assertInvalid(
          () -> new KpiDefinition("Engagement-Rate", "ER", "a / b", KpiUnit.RATIO, KpiDirection.HIGHER_IS_BETTER),
          "kpi.id",
          "\"Engagement-Rate\"");
      assertInvalid(
          () -> new KpiDefinition("er", "ER", " ", KpiUnit.RATIO, KpiDirection.HIGHER_IS_BETTER), "kpi.formula", "\" \"");
    }
  }

  @Nested
  class Audiences {
    @Test
    void rejects_activity_array_of_wrong_size() {
      assertInvalid(() -> HourOfWeekActivity.of(new double[167]), "audience.activity", "\"167 values\"");
      assertInvalid(() -> HourOfWeekActivity.of(new double[169]), "audience.activity", "\"169 values\"");
      assertInvalid(() -> HourOfWeekActivity.of((double[]) null), "audience.activity", "null");
    }

    @Test
    void rejects_negative_nan_or_infinite_weight() {
      double[] weights = new double[168];
      weights[5] = -0.5;
      assertInvalid(() -> HourOfWeekActivity.of(weights), "audience.activity[5]", "-0.5");
      weights[5] = Double.NaN;
      assertInvalid(() -> HourOfWeekActivity.of(weights), "audience.activity[5]", "NaN");
      weights[5] = Double.POSITIVE_INFINITY;
      assertInvalid(() -> HourOfWeekActivity.of(weights), "audience.activity[5]", "Infinity");
    }

    @Test
    void copies_activity_weights_in_and_out() {
      double[] weights = new double[168];
      weights[10] = 2;
      HourOfWeekActivity activity = HourOfWeekActivity.of(weights);
      weights[10] = 99;
      activity.toArray()[10] = 77;

      assertThat(activity.weight(10)).isEqualTo(2);
      assertThat(activity.weight(java.time.DayOfWeek.MONDAY, 10)).isEqualTo(2);
      assertInvalid(() -> activity.weight(java.time.DayOfWeek.MONDAY, 24), "hour", "24");
    }

    @Test
    void rejects_bad_language_tag() {
      assertInvalid(() -> audience(List.of("en", "x-klingon"), null), "audience.languages[1]", "\"x-klingon\"");
      assertInvalid(() -> audience(List.of("123"), null), "audience.languages[0]", "\"123\"");
      assertThat(audience(List.of("pt-BR"), null).languages()).containsExactly("pt-BR");
    }

    @Test
    void rejects_inverted_age_range_and_implausible_age() {
      assertInvalid(() -> new Demographics(40, 18, Set.of()), "demographics.ageMax", "18");
      assertInvalid(() -> new Demographics(-1, null, Set.of()), "demographics.ageMin", "-1");
      assertInvalid(() -> new Demographics(null, 131, Set.of()), "demographics.ageMax", "131");
      assertInvalid(() -> new Demographics(131, null, Set.of()), "demographics.ageMin", "131");
    }

    @Test
    void rejects_negative_size_estimate_and_fills_defaults() {
      assertInvalid(
          () ->
              new Audience(
                  AudienceId.of("a"), WS, "Fans", null, null, null, null, ZoneId.of("UTC"), null, -5L),
          "audience.sizeEstimate",
          "-5");
      Audience audience = audience(null, null);
      assertThat(audience.demographics()).isEqualTo(Demographics.any());
      assertThat(audience.activity()).isEqualTo(HourOfWeekActivity.uniform());
    }
  }

  @Nested
  class Tenancy {
    @Test
    void rejects_blank_names_and_missing_zone() {
      assertInvalid(() -> Workspace.of(WS, " ", ZoneId.of("UTC")), "workspace.name", "\" \"");
      assertInvalid(() -> Workspace.of(WS, "Acme", null), "workspace.timeZone", "null");
      assertInvalid(() -> Actor.of("a", ""), "actor.displayName", "\"\"");
      assertInvalid(() -> Role.custom(" ", Set.of()), "role.name", "\" \"");
    }

    @Test
    void rejects_duplicate_approval_step_names() {
      assertInvalid(
          () -> ApprovalPolicy.steps(ApprovalStep.anyApprover("review"), ApprovalStep.anyApprover("review")),
          "approvalPolicy.steps",
          "\"review\"");
      assertInvalid(() -> ApprovalStep.anyApprover(" "), "approvalStep.name", "\" \"");
    }

    @Test
    void rejects_null_member_role() {
      Map<ActorId, Role> members = new HashMap<>();
      members.put(ACTOR, null);

      assertInvalid(
          () -> new Workspace(WS, "Acme", ZoneId.of("UTC"), ApprovalPolicy.none(), members),
          "workspace.members.actor-1",
          "null");
      assertInvalid(() -> Workspace.of(WS, "Acme", ZoneId.of("UTC")).withMember(ACTOR, null), "role", "null");
    }

    @Test
    void rejects_incomplete_social_account() {
      assertInvalid(
          () -> new SocialAccount(ACC, WS, Platform.X, " ", "1", ZoneId.of("UTC"), CredentialsRef.of("c")),
          "account.handle",
          "\" \"");
      assertInvalid(
          () -> new SocialAccount(ACC, WS, Platform.X, "@a", "1", ZoneId.of("UTC"), null), "account.credentials", "null");
    }

    @Test
    void rejects_incomplete_interaction_and_audit_entry() {
      assertInvalid(
          () ->
              new Interaction(
                  Platform.X, ACC, "i1", InteractionKind.COMMENT, null, null, " ", "@a", null, null, T0, null),
          "interaction.authorId",
          "\" \"");
      assertInvalid(
          () -> new AuditEntry(PostId.of("p"), ACC, ACTOR, T0, TargetState.DRAFT, null, null), "audit.to", "null");
    }

    @Test
    void built_in_roles_are_found_by_name() {
      assertThat(Role.builtIn("OWNER")).contains(Role.OWNER);
      assertThat(Role.builtIn("CLIENT")).isEmpty();
      assertThat(Role.OWNER.allows(Permission.WORKSPACE_MANAGE)).isTrue();
      assertThat(Role.MANAGER.allows(Permission.WORKSPACE_MANAGE)).isFalse();
    }
  }

  @Nested
  class CollectionCopies {
    @Test
    void mutating_input_lists_after_construction_does_not_change_records() {
      List<String> tags = new ArrayList<>(List.of("coffee"));
      List<MediaAsset> media = new ArrayList<>(List.of(image()));
      PostContent content = new PostContent("hi", media, null, tags);
      List<PostTarget> targets = new ArrayList<>(List.of(PostTarget.draft(ACC)));
      Post post = new Post(PostId.of("p"), WS, null, content, targets, null, ACTOR, T0, T0, 0);
      List<String> options = new ArrayList<>(Arrays.asList("A", "B"));
      Poll poll = new Poll(options, Duration.ofHours(1));

      tags.add("tea");
      media.clear();
      targets.add(PostTarget.draft(AccountId.of("other")));
      options.set(0, "Z");

      assertThat(content.tags()).containsExactly("coffee");
      assertThat(content.media()).hasSize(1);
      assertThat(post.targets()).hasSize(1);
      assertThat(poll.options()).containsExactly("A", "B");
    }

    @Test
    void mutating_input_sets_and_maps_after_construction_does_not_change_records() {
      Set<Platform> platforms = new HashSet<>(Set.of(Platform.X));
      Campaign campaign = campaign().platforms(platforms).build();
      Map<ActorId, Role> members = new HashMap<>(Map.of(ACTOR, Role.VIEWER));
      Workspace workspace = new Workspace(WS, "Acme", ZoneId.of("UTC"), ApprovalPolicy.none(), members);
      Map<String, String> options = new HashMap<>(Map.of("privacy_level", "PUBLIC"));
      PostVariant variant = PostVariant.builder(PostFormat.VIDEO).options(options).build();

      platforms.add(Platform.TIKTOK);
      members.put(ActorId.of("intruder"), Role.OWNER);
      options.put("privacy_level", "SELF_ONLY");

      assertThat(campaign.platforms()).containsExactly(Platform.X);
      assertThat(workspace.members()).containsOnlyKeys(ACTOR);
      assertThat(variant.options()).containsEntry("privacy_level", "PUBLIC");
    }

    @Test
    void record_collections_are_unmodifiable() {
      PostContent content = new PostContent("hi", null, null, new ArrayList<>(List.of("a")));

      assertThatThrownBy(() -> content.tags().add("b")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> Role.OWNER.permissions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
