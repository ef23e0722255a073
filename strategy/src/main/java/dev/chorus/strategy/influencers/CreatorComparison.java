package dev.chorus.strategy.influencers;

import dev.chorus.model.Checks;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Creators side by side: one row per creator, best overall first (undefined last, ties by handle),
 * one column per component and the overall score, with the weights and formulas that produced them.
 *
 * @param rows the creators in rank order
 * @param weights the weights of the overall score
 */
public record CreatorComparison(List<CreatorScore> rows, Weights weights) {

  private static final Comparator<CreatorScore> ORDER = Comparator
      .comparingDouble((CreatorScore s) -> -s.overall().orElse(-1))
      .thenComparing(s -> s.platform().id())
      .thenComparing(CreatorScore::handle);

  /** Validates. */
  public CreatorComparison {
    rows = Checks.list("rows", rows);
    Checks.required("weights", weights);
  }

  /** The scores sorted into rank order. */
  public static CreatorComparison of(List<CreatorScore> scores, Weights weights) {
    List<CreatorScore> sorted = new ArrayList<>(Checks.list("scores", scores));
    sorted.sort(ORDER);
    return new CreatorComparison(sorted, weights);
  }

  /** The column headers: rank, platform, handle, each component, overall, flags. */
  public List<String> header() {
    List<String> header = new ArrayList<>(List.of("rank", "platform", "handle"));
    for (Component c : Component.values()) {
      header.add(c.name().toLowerCase(Locale.ROOT));
    }
    header.add("overall");
    header.add("flags");
    return header;
  }

  /** One row of cells per creator; numbers with one decimal, "n/a" when undefined. */
  public List<List<String>> cells() {
    List<List<String>> cells = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      CreatorScore s = rows.get(i);
      List<String> row = new ArrayList<>(List.of(Integer.toString(i + 1), s.platform().id(), s.handle()));
      for (Component c : Component.values()) {
        row.add(format(s.component(c).score().asOptional()));
      }
      row.add(format(s.overall().asOptional()));
      row.add(String.join("; ", s.flags().stream().map(Flag::text).toList()));
      cells.add(row);
    }
    return cells;
  }

  /** The table as CSV (RFC 4180) with a header row. */
  public String toCsv() {
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header().toArray(String[]::new))
        .get())) {
      for (List<String> row : cells()) {
        csv.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * The table as aligned plain text, followed by the weights and each component's formula with each
   * creator's inputs, so every number can be checked by hand.
   */
  public String toText() {
    List<String> header = header().subList(0, header().size() - 1);
    List<List<String>> body = cells().stream().map(r -> r.subList(0, r.size() - 1)).toList();
    int[] width = new int[header.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = header.get(c).length();
      for (List<String> row : body) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    StringBuilder text = new StringBuilder();
    line(text, header, width);
    for (List<String> row : body) {
      line(text, row, width);
    }
    text.append("\nweights: ");
    weights.asMap().forEach((c, w) -> text.append(c.name().toLowerCase(Locale.ROOT)).append('=').append(w).append(' '));
    text.setLength(text.length() - 1);
    text.append('\n');
    for (Component c : Component.values()) {
      if (rows.isEmpty()) {
        break;
      }
      text.append('\n').append(c.name().toLowerCase(Locale.ROOT)).append(": ")
          .append(rows.get(0).component(c).formula()).append('\n');
      for (CreatorScore s : rows) {
        text.append("  ").append(s.handle()).append(": ").append(inputs(s.component(c).inputs())).append('\n');
      }
    }
    for (CreatorScore s : rows) {
      for (Flag flag : s.flags()) {
        text.append("\n! ").append(s.handle()).append(": ").append(flag.text());
      }
    }
    return text.append('\n').toString();
  }

  private static void line(StringBuilder text, List<String> cells, int[] width) {
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      boolean left = c == 1 || c == 2;
      String pad = " ".repeat(width[c] - cell.length());
      text.append(left ? cell + pad : pad + cell).append(c == cells.size() - 1 ? "" : "  ");
    }
    text.append('\n');
  }

  private static String inputs(Map<String, Double> inputs) {
    if (inputs.isEmpty()) {
      return "(undefined)";
    }
    StringBuilder s = new StringBuilder();
    inputs.forEach((k, v) -> s.append(k).append('=').append(number(v)).append(' '));
    return s.toString().strip();
  }

  /** Whole numbers as they are, others to 4 significant digits, never in exponent notation. */
  private static String number(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  private static String format(java.util.OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.1f", value.getAsDouble()) : "n/a";
  }
}
