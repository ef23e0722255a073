package dev.chorus.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Runs twitter-text's official conformance data (read in place from the shared folder, never
 * copied) through {@code dev.chorus.text}. Indices in the data count code points; Chorus reports
 * UTF-16 offsets, so the test converts before comparing.
 */
class TwitterTextConformanceTest {

  private static final ObjectMapper YAML = new YAMLMapper();

  private static Path conformanceDir() {
    String shared = System.getProperty("chorus.shared.dir");
    Assumptions.assumeTrue(shared != null, "system property chorus.shared.dir is not set");
    Path dir = Path.of(shared, "conformance", "twitter-text");
    Assumptions.assumeTrue(
        Files.isRegularFile(dir.resolve("validate.yml")) && Files.isRegularFile(dir.resolve("extract.yml")),
        "twitter-text conformance data not found in " + dir);
    return dir;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<Map<String, Object>>> load(String file) throws Exception {
    Map<String, Object> root = YAML.readValue(conformanceDir().resolve(file).toFile(), Map.class);
    return (Map<String, List<Map<String, Object>>>) root.get("tests");
  }

  @TestFactory
  Stream<DynamicNode> weighted_length_conformance() throws Exception {
    Map<String, List<Map<String, Object>>> tests = load("validate.yml");
    List<String> sections = List.of(
        "WeightedTweetsCounterTest",
        "WeightedTweetsWithDiscountedEmojiCounterTest",
        "UnicodeDirectionalMarkerCounterTest");
    assertThat(tests).containsKeys(sections.toArray(String[]::new));
    return Stream.of(
        section(tests, "WeightedTweetsCounterTest", (text, expected) -> checkWeighted(XWeightedCounter.v2(), text, expected)),
        section(tests, "WeightedTweetsWithDiscountedEmojiCounterTest", (text, expected) -> checkWeighted(XWeightedCounter.v3(), text, expected)),
        section(tests, "UnicodeDirectionalMarkerCounterTest", (text, expected) -> checkWeighted(XWeightedCounter.v3(), text, expected)));
  }

  @SuppressWarnings("unchecked")
  private static void checkWeighted(XWeightedCounter counter, String text, Object expectedObject) {
    Map<String, Object> expected = (Map<String, Object>) expectedObject;
    XWeightedCounter.Measure measure = counter.measure(text);
    assertThat(measure.weightedLength()).as("weightedLength").isEqualTo(expected.get("weightedLength"));
    assertThat(measure.valid()).as("valid").isEqualTo(expected.get("valid"));
    assertThat(measure.permillage()).as("permillage").isEqualTo(expected.get("permillage"));
    assertThat(measure.displayStart()).as("displayRangeStart").isEqualTo(expected.get("displayRangeStart"));
    assertThat(measure.displayEnd()).as("displayRangeEnd").isEqualTo(expected.get("displayRangeEnd"));
    assertThat(measure.validStart()).as("validRangeStart").isEqualTo(expected.get("validRangeStart"));
    assertThat(measure.validEnd()).as("validRangeEnd").isEqualTo(expected.get("validRangeEnd"));
    if (counter == XWeightedCounter.v3()) {
      assertThat(TextRules.count(CountingRule.X_WEIGHTED, text)).isEqualTo(expected.get("weightedLength"));
    }
  }

  @TestFactory
  Stream<DynamicNode> extraction_conformance() throws Exception {
    Map<String, List<Map<String, Object>>> tests = load("extract.yml");
    List<DynamicNode> nodes = new ArrayList<>();
    for (String name : tests.keySet()) {
      BiConsumer<String, Object> check = extractionCheck(name);
      assertThat(check).as("a check for extract.yml section " + name).isNotNull();
      nodes.add(section(tests, name, check));
    }
    return nodes.stream();
  }

  private static BiConsumer<String, Object> extractionCheck(String section) {
    switch (section) {
      case "mentions":
        return (text, expected) -> assertThat(values(text, TextEntity.Kind.MENTION)).isEqualTo(expected);
      case "mentions_with_indices":
        return (text, expected) -> assertThat(withIndices(text, TextEntities.extract(text, TextEntity.Kind.MENTION), "screen_name")).isEqualTo(expected);
      case "mentions_or_lists_with_indices":
        return (text, expected) -> {
          List<TextEntity> entities = new ArrayList<>(TextEntities.extract(text, TextEntity.Kind.MENTION));
          entities.addAll(TextEntities.extract(text, TextEntity.Kind.LIST));
          entities.sort(Comparator.comparingInt(TextEntity::start));
          List<Map<String, Object>> actual = new ArrayList<>();
          for (TextEntity entity : entities) {
            int slash = entity.value().indexOf('/');
            String user = slash < 0 ? entity.value() : entity.value().substring(0, slash);
            String slug = slash < 0 ? "" : entity.value().substring(slash);
            actual.add(Map.of("screen_name", user, "list_slug", slug, "indices", indices(text, entity)));
          }
          assertThat(actual).isEqualTo(expected);
        };
      case "replies":
        return (text, expected) -> assertThat(TextEntities.replyTarget(text).orElse(null)).isEqualTo(expected);
      case "urls":
        return (text, expected) -> assertThat(values(text, TextEntity.Kind.URL)).isEqualTo(expected);
      case "urls_with_indices":
      case "urls_with_directional_markers":
        return (text, expected) -> assertThat(withIndices(text, TextEntities.extract(text, TextEntity.Kind.URL), "url")).isEqualTo(expected);
      case "tco_urls_with_params":
        return (text, expected) -> assertThat(values(text, TextEntity.Kind.URL)).isEqualTo(expected);
      case "hashtags":
      case "hashtags_from_astral":
        return (text, expected) -> assertThat(values(text, TextEntity.Kind.HASHTAG)).isEqualTo(expected);
      case "hashtags_with_indices":
        return (text, expected) -> assertThat(withIndices(text, TextEntities.extract(text, TextEntity.Kind.HASHTAG), "hashtag")).isEqualTo(expected);
      case "cashtags":
        return (text, expected) -> assertThat(values(text, TextEntity.Kind.CASHTAG)).isEqualTo(expected);
      case "cashtags_with_indices":
        return (text, expected) -> assertThat(withIndices(text, TextEntities.extract(text, TextEntity.Kind.CASHTAG), "cashtag")).isEqualTo(expected);
      default:
        return null;
    }
  }

  private static List<String> values(String text, TextEntity.Kind kind) {
    return TextEntities.extract(text, kind).stream().map(TextEntity::value).toList();
  }

  private static List<Map<String, Object>> withIndices(String text, List<TextEntity> entities, String key) {
    return entities.stream()
        .map(entity -> Map.<String, Object>of(key, entity.value(), "indices", indices(text, entity)))
        .toList();
  }

  /** The data counts code points; Chorus reports UTF-16 offsets. */
  private static List<Integer> indices(String text, TextEntity entity) {
    return List.of(text.codePointCount(0, entity.start()), text.codePointCount(0, entity.end()));
  }

  private static DynamicContainer section(
      Map<String, List<Map<String, Object>>> tests, String name, BiConsumer<String, Object> check) {
    List<Map<String, Object>> cases = tests.get(name);
    assertThat(cases).as(name).isNotEmpty();
    List<DynamicTest> dynamicTests = new ArrayList<>();
    for (Map<String, Object> testCase : cases) {
      String description = String.valueOf(testCase.get("description"));
      String text = String.valueOf(testCase.get("text"));
      Object expected = testCase.get("expected");
      dynamicTests.add(DynamicTest.dynamicTest(description, () -> check.accept(text, expected)));
    }
    return DynamicContainer.dynamicContainer(name, dynamicTests);
  }
}
