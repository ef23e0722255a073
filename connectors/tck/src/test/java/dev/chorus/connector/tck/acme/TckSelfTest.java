package dev.chorus.connector.tck.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Events;

/**
 * The TCK proves itself: the correct acme connector passes every rule, and each deliberately broken
 * variant fails exactly the rule that guards against its flaw, and no other.
 */
class TckSelfTest {

  static Stream<Arguments> brokenConnectors() {
    return Stream.of(
        Arguments.of(BrokenAcme.OldSpiVersion.class, "required_01_discovery",
            "must speak SPI version 1"),
        Arguments.of(BrokenAcme.CrashesWithoutToken.class, "required_02_config_validation",
            "instead of a ConfigException naming apiToken"),
        Arguments.of(BrokenAcme.IoForUndeclaredDelete.class, "required_03_undeclared_capability_fails_without_io",
            "undeclared capability DELETE threw"),
        Arguments.of(BrokenAcme.Maps5xxToContentRejected.class, "required_04_failures_map_to_typed_errors",
            "UNAVAILABLE must map to PlatformUnavailableException"),
        Arguments.of(BrokenAcme.DropsRequestId.class, "required_04_failures_map_to_typed_errors",
            "lost the platform's request id"),
        Arguments.of(BrokenAcme.SleepsForReal.class, "required_05_rate_limit_honoured_without_sleeping",
            "slept for real"),
        Arguments.of(BrokenAcme.IgnoresReset.class, "required_05_rate_limit_honoured_without_sleeping",
            "is not the platform's reset"),
        Arguments.of(BrokenAcme.RepeatsCursor.class, "optional_06_pagination_terminates",
            "repeated cursor"),
        Arguments.of(BrokenAcme.LogsToken.class, "required_07_no_secret_leaks",
            "canary secret leaked into: [log line of dev.chorus.connector.tck.acme.AcmeConnector"),
        Arguments.of(BrokenAcme.ShowsTokenInToString.class, "required_07_no_secret_leaks",
            "canary secret leaked into: [connector.toString()]"),
        Arguments.of(BrokenAcme.EchoesTokenInErrors.class, "required_07_no_secret_leaks",
            "canary secret leaked into: [exception after AUTHENTICATION_EXPIRED (AuthenticationExpiredException message)"),
        Arguments.of(BrokenAcme.CountsUtf16Units.class, "required_08_validate_catches_every_declared_limit",
            "a text of exactly 100 by the GRAPHEMES rule was reported too long"),
        Arguments.of(BrokenAcme.IgnoresHashtagLimit.class, "required_08_validate_catches_every_declared_limit",
            "validate missed [hashtags.count]"),
        Arguments.of(BrokenAcme.ReconcilesAnyPost.class, "optional_09_publish_then_reconcile",
            "reconcile matched an unrelated post"),
        Arguments.of(BrokenAcme.IgnoresBatchSize.class, "optional_10_metrics_respect_batch_size",
            "asked for more than the batch size 4"),
        Arguments.of(BrokenAcme.ZeroFillsSearchCounters.class, "optional_14_search_pages",
            "post tck-found-1-1: the counters (a counter the platform left out must be absent, not zero)"),
        Arguments.of(BrokenAcme.SearchesAnyKind.class, "optional_15_search_rejects_unsearchable_kinds_before_io",
            "a search for a MENTION term threw dev.chorus.connector.NotFoundException instead of an InvalidValueException"),
        Arguments.of(BrokenAcme.IgnoresRecentPostsLimit.class, "optional_16_lookup_profile",
            "the profile's 5 latest posts: the post ids"),
        Arguments.of(BrokenAcme.UnknownProfileAsEmpty.class, "optional_17_unknown_profile_not_found",
            "looking up an unknown handle returned tck_nobody"));
  }

  @Test
  void the_correct_connector_passes_every_rule() {
    Map<String, String> outcomes = run(AcmeVerificationTest.class);
    assertThat(outcomes).hasSize(17);
    assertThat(outcomes).allSatisfy((rule, outcome) -> assertThat(outcome).as(rule).isEqualTo("SUCCESSFUL"));
  }

  @Test
  void a_connector_that_reports_the_rate_limit_instead_of_waiting_passes_too() {
    Map<String, String> outcomes = run(BrokenAcme.ReportsRateLimit.class);
    assertThat(outcomes).hasSize(17);
    assertThat(outcomes).allSatisfy((rule, outcome) -> assertThat(outcome).as(rule).isEqualTo("SUCCESSFUL"));
  }

  @ParameterizedTest(name = "{0} fails {1}")
  @MethodSource("brokenConnectors")
  void a_broken_connector_fails_exactly_its_rule(Class<?> verification, String rule, String why) {
    Map<String, String> outcomes = run(verification);
    assertThat(outcomes).hasSize(17);
    assertThat(outcomes.get(rule)).as(rule).startsWith("FAILED").contains(why);
    outcomes.forEach((other, outcome) -> {
      if (!other.equals(rule)) {
        assertThat(outcome).as(other).isIn("SUCCESSFUL", "SKIPPED");
      }
    });
  }

  @Test
  void a_rule_for_an_undeclared_capability_is_skipped_with_a_reason() {
    Events tests = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(BrokenAcme.IoForUndeclaredDelete.class))
        .execute()
        .testEvents();
    List<Event> skipped = tests.aborted().list();
    assertThat(skipped).hasSize(1);
    assertThat(methodName(skipped.get(0))).isEqualTo("optional_11_delete");
    TestExecutionResult result = skipped.get(0).getPayload(TestExecutionResult.class).orElseThrow();
    assertThat(result.getThrowable()).get().extracting(Throwable::getMessage).asString()
        .contains("does not declare DELETE");
  }

  @Test
  void every_rule_has_a_numbered_name_and_display_name() throws Exception {
    List<Method> rules = Arrays.stream(dev.chorus.connector.tck.ConnectorVerification.class.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(Test.class))
        .toList();
    assertThat(rules).hasSize(17);
    for (Method rule : rules) {
      assertThat(rule.getName()).matches("(required|optional)_\\d\\d_[a-z0-9_]+");
      String number = rule.getName().replaceAll("^[a-z]+_(\\d\\d)_.*$", "$1");
      assertThat(rule.getAnnotation(org.junit.jupiter.api.DisplayName.class).value()).startsWith(number + " ");
    }
  }

  /** Runs the TCK class and returns each rule's outcome (with the failure message when it failed). */
  private static Map<String, String> run(Class<?> verification) {
    Events tests = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(verification))
        .execute()
        .testEvents();
    Map<String, String> outcomes = new TreeMap<>();
    for (Event event : tests.list()) {
      String name = methodName(event);
      if (event.getType() == EventType.SKIPPED) {
        outcomes.put(name, "SKIPPED");
      } else if (event.getType() == EventType.FINISHED) {
        TestExecutionResult result = event.getPayload(TestExecutionResult.class).orElseThrow();
        switch (result.getStatus()) {
          case SUCCESSFUL:
            outcomes.put(name, "SUCCESSFUL");
            break;
          case ABORTED:
            outcomes.put(name, "SKIPPED");
            break;
          default:
            outcomes.put(name, "FAILED: " + result.getThrowable().map(Throwable::getMessage).orElse("?"));
            break;
        }
      }
    }
    return outcomes;
  }

  private static String methodName(Event event) {
    return event.getTestDescriptor().getSource()
        .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
        .map(source -> ((org.junit.platform.engine.support.descriptor.MethodSource) source).getMethodName())
        .orElse(event.getTestDescriptor().getDisplayName());
  }
}
