package dev.chorus.examples;

import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.TextLimit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders the platform capability table of README.md from what the built-in connectors declare,
 * so the table cannot drift from the code. Providers are found with {@link ServiceLoader}, so a
 * connector module added as a dependency of {@code examples} appears without touching this class.
 *
 * <p>Regenerate with {@value #REGENERATE}; {@code CapabilityTableTest} fails while README.md
 * differs from the generated table.
 */
public final class CapabilityTable {

  /** The line before the table in README.md. */
  public static final String START = "<!-- capability-table:start -->";

  /** The line after the table in README.md. */
  public static final String END = "<!-- capability-table:end -->";

  /** The command that rewrites the table in README.md. */
  public static final String REGENERATE =
      "mvn -B -q -pl examples -am compile exec:java -Dchorus.exec.mainClass=dev.chorus.examples.CapabilityTable";

  private CapabilityTable() {}

  /**
   * Rewrites the table in README.md: the file named by the system property {@code chorus.readme},
   * else {@code README.md} or {@code ../README.md}, whichever exists first.
   */
  public static void main(String[] args) {
    String configured = System.getProperty("chorus.readme");
    Path readme = configured != null ? Path.of(configured)
        : Files.exists(Path.of("README.md")) ? Path.of("README.md") : Path.of("..", "README.md");
    try {
      String text = Files.readString(readme, StandardCharsets.UTF_8);
      Files.writeString(readme, replace(text, render(builtInProviders())), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println("Capability table written to " + readme.toAbsolutePath());
  }

  /** The connector providers shipped with Chorus (package {@code dev.chorus.connector.*}), by platform id. */
  public static List<ConnectorProvider> builtInProviders() {
    return ServiceLoader.load(ConnectorProvider.class, CapabilityTable.class.getClassLoader()).stream()
        .filter(p -> p.type().getName().startsWith("dev.chorus.connector."))
        .map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparing(p -> p.platform().id()))
        .toList();
  }

  /** The Markdown table, one row per provider, ending with a newline. */
  public static String render(List<ConnectorProvider> providers) {
    StringBuilder out = new StringBuilder();
    out.append("| Platform | Formats | Media | Features | Text limit | Metrics per call |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (ConnectorProvider provider : providers) {
      Capabilities caps = provider.capabilities();
      out.append("| `").append(provider.platform().id()).append("` | ")
          .append(names(caps.formats())).append(" | ")
          .append(names(caps.mediaKinds())).append(" | ")
          .append(names(caps.features())).append(" | ")
          .append(text(caps.limits().text())).append(" | ")
          .append(caps.supports(Capability.POST_METRICS) ? String.valueOf(caps.metricsBatchSize()) : "—")
          .append(" |\n");
    }
    return out.toString();
  }

  /**
   * The README text with the part between the markers replaced by {@code table}.
   *
   * @throws IllegalArgumentException if the markers are missing or out of order
   */
  public static String replace(String readme, String table) {
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("README.md needs the lines " + START + " and " + END + ", in that order");
    }
    return readme.substring(0, start + START.length()) + "\n" + table + readme.substring(end);
  }

  /** The table currently between the markers, or empty text when the markers are missing. */
  public static String current(String readme) {
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    if (start < 0 || end < start) {
      return "";
    }
    return readme.substring(start + START.length(), end).strip() + "\n";
  }

  private static String names(Set<? extends Enum<?>> values) {
    if (values.isEmpty()) {
      return "—";
    }
    return values.stream().map(v -> v.name().toLowerCase(Locale.ROOT).replace('_', ' ')).collect(Collectors.joining(", "));
  }

  private static String text(TextLimit limit) {
    return String.format(Locale.ROOT, "%,d %s", limit.max(),
        limit.rule().name().toLowerCase(Locale.ROOT).replace('_', ' '));
  }
}
