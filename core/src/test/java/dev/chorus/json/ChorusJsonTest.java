package dev.chorus.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Audience;
import dev.chorus.model.Campaign;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Money;
import dev.chorus.model.Post;
import dev.chorus.model.PostVariant;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ChorusJsonTest {

  private final ChorusJson json = ChorusJson.create();

  private static String golden(String name) throws IOException {
    return GoldenFileTest.readGolden(name + ".json");
  }

  private static void assertInvalidValue(ThrowingCallable call, String field, String value) {
    assertThatThrownBy(call)
        .isExactlyInstanceOf(InvalidValueException.class)
        .satisfies(
            e -> {
              assertThat(((InvalidValueException) e).field()).isEqualTo(field);
              assertThat(e.getMessage()).contains(value);
            });
  }

  private static JsonFormatException assertFormatError(ThrowingCallable call, String path) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
    assertThat(thrown).isExactlyInstanceOf(JsonFormatException.class).isNotInstanceOf(JacksonException.class);
    JsonFormatException error = (JsonFormatException) thrown;
    assertThat(error.path()).isEqualTo(path);
    assertThat(error.problem()).isNotBlank();
    assertThat(error.getMessage()).contains(path);
    return error;
  }

  // --- wire form details ---

  @Test
  void writes_instants_zones_durations_dates_and_money_in_documented_form() {
    String campaign = json.toJson(Samples.campaign());
    String account = json.toJson(Samples.socialAccount());
    String variant = json.toJson(Samples.threadVariant());

    assertThat(campaign)
        .contains("\"startDate\":\"2026-03-01\"")
        .contains("\"budget\":{\"amount\":\"5000.00\",\"currency\":\"EUR\"}")
        .contains("\"platforms\":[\"instagram\",\"linkedin\",\"x\"]");
    assertThat(account)
        .contains("\"timeZone\":\"America/New_York\"")
        .contains("\"platform\":\"x\"")
        .contains("\"credentials\":\"vault:acme/x\"");
    assertThat(variant).contains("\"duration\":\"PT24H\"").contains("\"duration\":\"PT42S\"");
    assertThat(json.toJson(Samples.auditEntry())).contains("\"at\":\"2026-03-01T11:00:00Z\"");
  }

  @Test
  void writes_activity_as_array_of_168_numbers() {
    JsonNode activity = json.mapper().readTree(json.toJson(Samples.audience())).get("activity");

    assertThat(activity.isArray()).isTrue();
    assertThat(activity.size()).isEqualTo(168);
    assertThat(activity.get(7).doubleValue()).isEqualTo(3.5);
  }

  @Test
  void omits_null_optional_fields_but_keeps_empty_media_override() {
    String text = json.toJson(Samples.noMediaVariant());

    assertThat(text).doesNotContain("null").doesNotContain("\"text\"").contains("\"media\":[]");
    assertThat(json.fromJson(text, PostVariant.class).media()).isEmpty();
    assertThat(json.fromJson("{\"format\":\"REEL\"}", PostVariant.class).media()).isNull();
  }

  @Test
  void keeps_record_component_order_and_sorted_sets_on_a_host_mapper_that_sorts_alphabetically() {
    JsonMapper host =
        JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .addModule(new ChorusJacksonModule())
            .build();

    JsonNode tree = host.readTree(host.writeValueAsString(Samples.socialAccount()));
    List<String> names = new ArrayList<>(tree.propertyNames());

    assertThat(names)
        .containsExactly("id", "workspaceId", "platform", "handle", "externalId", "timeZone", "credentials");
    assertThat(host.writeValueAsString(Samples.campaign())).contains("\"platforms\":[\"instagram\",\"linkedin\",\"x\"]");
    assertThat(host.writeValueAsString(Samples.money())).isEqualTo("{\"amount\":\"12.50\",\"currency\":\"EUR\"}");
  }

  @Test
  void configured_host_builder_writes_the_same_as_the_facade() {
    JsonMapper host = ChorusJson.configure(JsonMapper.builder()).build();

    assertThat(host.writeValueAsString(Samples.post())).isEqualTo(json.toJson(Samples.post()));
  }

  @Test
  void reads_money_amount_given_as_json_number_into_canonical_scale() {
    Money money = json.fromJson("{\"amount\":12.5,\"currency\":\"EUR\"}", Money.class);

    assertThat(money).isEqualTo(Money.of("12.50", "EUR"));
    assertThat(json.toJson(Money.of("1500", "JPY"))).isEqualTo("{\"amount\":\"1500\",\"currency\":\"JPY\"}");
  }

  // --- forward compatibility ---

  @Test
  void ignores_unknown_properties_at_every_level() throws IOException {
    ObjectNode post = (ObjectNode) json.mapper().readTree(golden("post"));
    post.put("futureTopLevel", "x");
    ((ObjectNode) post.get("targets").get(0).get("variant")).putObject("futureNested").put("a", 1);
    ((ObjectNode) post.get("content")).putArray("futureList").add(1);

    assertThat(json.fromJson(post.toString(), Post.class)).isEqualTo(Samples.post());
  }

  // --- model rules surface as InvalidValueException ---

  @Test
  void rejects_golden_campaign_ending_before_it_starts() throws IOException {
    String edited = golden("campaign").replace("\"2026-03-31\"", "\"2026-02-01\"");

    assertInvalidValue(() -> json.fromJson(edited, Campaign.class), "campaign.endDate", "2026-02-01");
  }

  @Test
  void rejects_golden_campaign_with_unknown_currency() throws IOException {
    String edited = golden("campaign").replaceFirst("\"EUR\"", "\"XYZ\"");

    assertInvalidValue(() -> json.fromJson(edited, Campaign.class), "money.currency", "XYZ");
  }

  @Test
  void rejects_golden_campaign_with_spend_in_another_currency() throws IOException {
    String edited = golden("campaign").replace("\"1234.50\",\n    \"currency\" : \"EUR\"", "\"1234.50\",\n    \"currency\" : \"USD\"");
    assertThat(edited).contains("USD");

    assertInvalidValue(() -> json.fromJson(edited, Campaign.class), "campaign.spend", "USD");
  }

  @Test
  void rejects_negative_money_amount() {
    assertInvalidValue(
        () -> json.fromJson("{\"amount\":\"-1.00\",\"currency\":\"EUR\"}", Money.class), "money.amount", "-1.00");
    assertInvalidValue(
        () -> json.fromJson("{\"amount\":\"ten\",\"currency\":\"EUR\"}", Money.class), "money.amount", "ten");
    assertInvalidValue(() -> json.fromJson("{\"currency\":\"EUR\"}", Money.class), "money.amount", "null");
  }

  @Test
  void rejects_golden_post_with_poll_of_one_option() throws IOException {
    String edited = golden("post").replace("\"Light\", \"Medium\", \"Dark\"", "\"Light\"");
    assertThat(edited).isNotEqualTo(golden("post"));

    assertInvalidValue(() -> json.fromJson(edited, Post.class), "poll.options", "Light");
  }

  @Test
  void rejects_golden_post_with_blank_id() throws IOException {
    String edited = golden("post").replace("\"post-spring\"", "\"  \"");

    assertInvalidValue(() -> json.fromJson(edited, Post.class), "postId", "\"  \"");
  }

  @Test
  void rejects_golden_post_missing_required_field() throws IOException {
    ObjectNode post = (ObjectNode) json.mapper().readTree(golden("post"));
    post.remove("createdBy");

    assertInvalidValue(() -> json.fromJson(post.toString(), Post.class), "post.createdBy", "null");
  }

  @Test
  void rejects_golden_account_with_bad_platform_id() throws IOException {
    String edited = golden("social-account").replace("\"platform\" : \"x\"", "\"platform\" : \"X Corp\"");

    assertInvalidValue(() -> json.fromJson(edited, SocialAccount.class), "platform", "X Corp");
  }

  @Test
  void rejects_golden_snapshot_with_bad_metric_key_and_negative_value() throws IOException {
    String badKey = golden("metric-snapshot").replace("\"likes\"", "\"Likes Total\"");
    String negative = golden("metric-snapshot").replace("420", "-420");

    assertInvalidValue(() -> json.fromJson(badKey, MetricSnapshot.class), "metric", "Likes Total");
    assertInvalidValue(() -> json.fromJson(negative, MetricSnapshot.class), "snapshot.values.likes", "-420");
  }

  @Test
  void rejects_golden_workspace_with_blank_member_key() throws IOException {
    String edited = golden("workspace").replace("\"actor-carol\"", "\" \"");

    assertInvalidValue(() -> json.fromJson(edited, Workspace.class), "actorId", "\" \"");
  }

  @Test
  void rejects_activity_of_wrong_size_or_negative_weight() throws IOException {
    ObjectNode audience = (ObjectNode) json.mapper().readTree(golden("audience"));
    String base = audience.toString();
    audience.withArray("activity").remove(0);
    String shortArray = audience.toString();
    String negative = base.replace("\"activity\":[0.25,0.25,0.25,0.25", "\"activity\":[0.25,0.25,0.25,-0.25");
    assertThat(negative).isNotEqualTo(base);

    assertInvalidValue(() -> json.fromJson(shortArray, Audience.class), "audience.activity", "167 values");
    assertInvalidValue(() -> json.fromJson(negative, Audience.class), "audience.activity[3]", "-0.25");
  }

  // --- malformed JSON and wrong types surface as JsonFormatException ---

  @Test
  void reads_every_kind_of_schedule_intent_with_its_type_and_keeps_local_time_and_zone() throws IOException {
    assertThat(golden("schedule-intent-at-local")).contains("\"type\" : \"atLocal\"")
        .contains("\"local\" : \"2026-03-29T02:30\"").contains("\"zone\" : \"Europe/Berlin\"");
    assertThat(json.fromJson("{\"type\":\"atLocal\",\"local\":\"2026-03-29T09:00\"}",
        dev.chorus.schedule.ScheduleIntent.class))
        .isEqualTo(dev.chorus.schedule.ScheduleIntent.atLocal(java.time.LocalDateTime.of(2026, 3, 29, 9, 0)));
    assertThat(json.fromJson("{\"type\":\"queueSlot\"}", dev.chorus.schedule.ScheduleIntent.class))
        .isEqualTo(dev.chorus.schedule.ScheduleIntent.nextQueueSlot());
    assertThat(json.toJson(dev.chorus.schedule.ScheduleIntent.nextQueueSlot())).isEqualTo("{\"type\":\"queueSlot\"}");
  }

  @Test
  void rejects_schedule_intents_that_break_a_rule_or_the_format() throws IOException {
    Class<dev.chorus.schedule.ScheduleIntent> type = dev.chorus.schedule.ScheduleIntent.class;
    assertInvalidValue(() -> json.fromJson(golden("schedule-intent-recurring")
        .replace("FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9;BYMINUTE=0", "FREQ=SOMETIMES"), type), "recurrence", "SOMETIMES");
    assertInvalidValue(() -> json.fromJson(golden("schedule-intent-best-time")
        .replace("2026-03-06T00:00:00Z", "2026-03-03T00:00:00Z"), type), "intent.to", "2026-03-03T00:00:00Z");
    assertInvalidValue(() -> json.fromJson("{\"type\":\"at\"}", type), "intent.instant", "null");
    assertThat(assertFormatError(() -> json.fromJson("{\"type\":\"someday\"}", type), "$").problem()).contains("someday");
    assertFormatError(() -> json.fromJson("{\"instant\":\"2026-03-04T08:00:00Z\"}", type), "$");
    assertThat(assertFormatError(() -> json.fromJson(golden("schedule-intent-at-local")
        .replace("Europe/Berlin", "Europe/Atlantis"), type), "$").problem()).contains("Europe/Atlantis");
    assertFormatError(() -> json.fromJson(golden("schedule-intent-at-local")
        .replace("2026-03-29T02:30", "yesterday"), type), "$");
    assertFormatError(() -> json.fromJson(golden("schedule-intent-at-local").replace("\"SKIP\"", "\"HOP\""), type), "$");
    assertInvalidValue(() -> json.fromJson("[]", dev.chorus.schedule.WeeklySlots.class), "slots", "[]");
    assertInvalidValue(() -> json.fromJson(golden("account-scheduling").replace("PT1H30M", "PT-1H"),
        dev.chorus.schedule.AccountScheduling.class), "minSpacing", "PT-1H");
  }

  @Test
  void reports_malformed_json_as_format_error() throws IOException {
    String truncated = golden("post").substring(0, 120);

    JsonFormatException error = assertFormatError(() -> json.fromJson(truncated, Post.class), "$.content.text");
    assertThat(error.problem()).contains("line");
    assertFormatError(() -> json.fromJson("{\"id\": ", Post.class), "$.id");
    assertFormatError(() -> json.fromJson("not json", Post.class), "$");
    assertFormatError(() -> json.fromJson("null", Post.class), "$");
    assertFormatError(() -> json.fromJson("{\"amount\":\"1\",\"currency\":\"EUR\"} {}", Money.class), "$");
    assertFormatError(() -> json.fromJson(new byte[] {'[', 1, 2}, Post.class), "$");
  }

  @Test
  void reports_wrong_json_types_with_their_path() throws IOException {
    String post = golden("post");

    assertFormatError(
        () -> json.fromJson(post.replace("\"version\" : 3", "\"version\" : \"three\""), Post.class), "$.version");
    JsonFormatException state =
        assertFormatError(
            () -> json.fromJson(post.replace("\"PUBLISHED\"", "\"LOST\""), Post.class), "$.targets[0].state");
    assertThat(state.problem()).contains("LOST");
    assertFormatError(
        () -> json.fromJson(post.replace("\"accountId\" : \"acc-x\"", "\"accountId\" : 42"), Post.class),
        "$.targets[0].accountId");
    assertFormatError(
        () ->
            json.fromJson(
                golden("campaign").replace("\"amount\" : \"5000.00\"", "\"amount\" : {\"v\":1}"), Campaign.class),
        "$.budget");
    assertFormatError(
        () -> json.fromJson(golden("audience").replaceFirst("\"activity\" : \\[", "\"activity\" : \"busy\", \"x\" : ["), Audience.class),
        "$.activity");
    assertFormatError(
        () -> json.fromJson(golden("campaign").replace("\"2026-03-31\"", "\"31/03/2026\""), Campaign.class),
        "$.endDate");
  }

  @Test
  void facade_instances_are_independent_and_share_no_state() {
    ChorusJson other = ChorusJson.create();

    assertThat(other.mapper()).isNotSameAs(json.mapper());
    assertThat(other.toJson(Samples.post())).isEqualTo(json.toJson(Samples.post()));
    assertThat(new String(json.toJsonBytes(Samples.money()), StandardCharsets.UTF_8))
        .isEqualTo(json.toJson(Samples.money()));
  }
}
