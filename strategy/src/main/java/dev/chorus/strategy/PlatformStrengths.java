package dev.chorus.strategy;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import dev.chorus.model.Objective;
import dev.chorus.model.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The data-driven table behind {@link PlatformAdvisor}: per platform, its fit for each objective,
 * its use in each age band, its B2B and B2C fit, and optionally its fit per audience interest and
 * its availability per region and per language, each figure with its source. The built-in table ({@link #defaults()}) ships as {@code
 * platform-strengths.csv}; {@link #read(Reader)} loads a replacement with the same columns.
 */
public final class PlatformStrengths {

  /** The columns a table has, in this order. */
  public static final List<String> COLUMNS = List.of("platform", "dimension", "key", "value", "source");

  /** The objective dimension: one row per {@link Objective}, required. */
  public static final String OBJECTIVE = "objective";
  /** The age dimension: one row per band of {@link #AGE_BANDS}, required. */
  public static final String AGE = "age";
  /** The market dimension: one row per {@link Market}, required. */
  public static final String MARKET = "market";
  /** The region dimension: availability by ISO 3166 country code, optional (absent means 1). */
  public static final String REGION = "region";
  /**
   * The interest dimension: fit for an audience interest (a topic such as {@code food} or {@code
   * software}, lower case), optional; a topic no platform lists is ignored, a listed topic a
   * platform has no row for counts as 0.5 (neutral) for it.
   */
  public static final String INTEREST = "interest";
  /**
   * The language dimension: availability by ISO 639 language code (lower case), optional (absent
   * means 1). The built-in table has none; see {@code docs/strategy-planning.md}.
   */
  public static final String LANGUAGE = "language";

  /** The dimensions a table may use. */
  public static final List<String> DIMENSIONS = List.of(OBJECTIVE, AGE, MARKET, REGION, INTEREST, LANGUAGE);

  /** The age bands of the age dimension (those of Pew Research Center's surveys). */
  public static final List<String> AGE_BANDS = List.of("18-29", "30-49", "50-64", "65+");

  private static final String RESOURCE = "platform-strengths.csv";
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern TOPIC = Pattern.compile("[\\p{L}\\p{N}]+(-[\\p{L}\\p{N}]+)*");
  private static final Pattern LANGUAGE_CODE = Pattern.compile("[a-z]{2,3}");

  private final Map<Platform, Map<String, Strength>> byPlatform;

  private PlatformStrengths(Map<Platform, Map<String, Strength>> byPlatform) {
    this.byPlatform = byPlatform;
  }

  /** The built-in table (figures and sources in {@code docs/strategy-planning.md}). */
  public static PlatformStrengths defaults() {
    InputStream in = PlatformStrengths.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("missing resource " + RESOURCE);
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return read(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a table from a UTF-8 file; see {@link #read(Reader)}. */
  public static PlatformStrengths read(Path path) {
    Checks.required("path", path);
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return read(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a table: CSV (RFC 4180) with the header {@link #COLUMNS}, lines starting with {@code #}
   * ignored. Every platform needs a row for each objective, each age band and each market; values
   * are from 0 to 1 and every row names its source.
   *
   * @throws InvalidValueException naming the row and column of the first problem (field {@code
   *     "row 7, column value"}; rows count from the header as row 1, comment lines not counted)
   */
  public static PlatformStrengths read(Reader reader) {
    Checks.required("reader", reader);
    CSVFormat format = CSVFormat.RFC4180.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
        .setTrim(true).get();
    Map<Platform, Map<String, Strength>> table = new LinkedHashMap<>();
    Map<Platform, Long> firstRow = new LinkedHashMap<>();
    try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      boolean header = true;
      for (CSVRecord record : parser) {
        long row = record.getRecordNumber();
        if (header) {
          if (!record.toList().equals(COLUMNS)) {
            throw new InvalidValueException(field(row, "header"), String.join(",", record.toList()),
                "must be " + String.join(",", COLUMNS));
          }
          header = false;
          continue;
        }
        if (record.size() != COLUMNS.size()) {
          throw new InvalidValueException(field(row, "source"), record.size(),
              "a row needs " + COLUMNS.size() + " cells");
        }
        Strength strength = parse(record, row);
        Map<String, Strength> rows = table.computeIfAbsent(strength.platform(), p -> new LinkedHashMap<>());
        firstRow.putIfAbsent(strength.platform(), row);
        if (rows.putIfAbsent(strength.dimension() + "/" + strength.key(), strength) != null) {
          throw new InvalidValueException(field(row, "key"), strength.key(),
              "repeats " + strength.dimension() + " " + strength.key() + " of " + strength.platform());
        }
      }
      if (header) {
        throw new InvalidValueException(field(1, "header"), "", "the table is empty");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Map.Entry<Platform, Map<String, Strength>> entry : table.entrySet()) {
      List<String> required = new ArrayList<>();
      for (Objective objective : Objective.values()) {
        required.add(OBJECTIVE + "/" + objective.name());
      }
      AGE_BANDS.forEach(band -> required.add(AGE + "/" + band));
      for (Market market : Market.values()) {
        required.add(MARKET + "/" + market.name());
      }
      for (String key : required) {
        if (!entry.getValue().containsKey(key)) {
          throw new InvalidValueException(field(firstRow.get(entry.getKey()), "key"), key,
              "platform " + entry.getKey() + " has no row for " + key.replace('/', ' '));
        }
      }
    }
    if (table.isEmpty()) {
      throw new InvalidValueException(field(2, "platform"), "", "the table has no platform");
    }
    return new PlatformStrengths(Map.copyOf(table));
  }

  private static Strength parse(CSVRecord record, long row) {
    Platform platform;
    try {
      platform = Platform.of(record.get(0));
    } catch (InvalidValueException e) {
      throw new InvalidValueException(field(row, "platform"), record.get(0), e.getMessage());
    }
    String dimension = record.get(1).toLowerCase(Locale.ROOT);
    String key = record.get(2);
    switch (dimension) {
      case OBJECTIVE -> {
        key = key.toUpperCase(Locale.ROOT);
        if (!names(Objective.values()).contains(key)) {
          throw new InvalidValueException(field(row, "key"), record.get(2), "is not an objective " + names(Objective.values()));
        }
      }
      case AGE -> {
        if (!AGE_BANDS.contains(key)) {
          throw new InvalidValueException(field(row, "key"), key, "is not an age band " + AGE_BANDS);
        }
      }
      case MARKET -> {
        key = key.toUpperCase(Locale.ROOT);
        if (!names(Market.values()).contains(key)) {
          throw new InvalidValueException(field(row, "key"), record.get(2), "is not a market " + names(Market.values()));
        }
      }
      case REGION -> {
        key = key.toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(key).matches()) {
          throw new InvalidValueException(field(row, "key"), record.get(2), "is not an ISO 3166 country code");
        }
      }
      case INTEREST -> {
        key = key.toLowerCase(Locale.ROOT);
        if (!TOPIC.matcher(key).matches()) {
          throw new InvalidValueException(field(row, "key"), record.get(2),
              "is not a topic (letters and digits, words joined by '-')");
        }
      }
      case LANGUAGE -> {
        key = key.toLowerCase(Locale.ROOT);
        if (!LANGUAGE_CODE.matcher(key).matches()) {
          throw new InvalidValueException(field(row, "key"), record.get(2), "is not an ISO 639 language code");
        }
      }
      default -> throw new InvalidValueException(field(row, "dimension"), record.get(1),
          "must be one of " + DIMENSIONS);
    }
    double value;
    try {
      value = Double.parseDouble(record.get(3));
    } catch (NumberFormatException e) {
      throw new InvalidValueException(field(row, "value"), record.get(3), "is not a number");
    }
    if (!(value >= 0 && value <= 1)) {
      throw new InvalidValueException(field(row, "value"), record.get(3), "must be from 0 to 1");
    }
    if (record.get(4).isBlank()) {
      throw new InvalidValueException(field(row, "source"), record.get(4),
          "every figure needs a source (a study, or \"judgement: why\")");
    }
    return new Strength(platform, dimension, key, value, record.get(4));
  }

  private static Set<String> names(Enum<?>[] values) {
    Set<String> names = new java.util.LinkedHashSet<>();
    for (Enum<?> value : values) {
      names.add(value.name());
    }
    return names;
  }

  private static String field(long row, String column) {
    return "row " + row + ", column " + column;
  }

  /** The platforms the table covers. */
  public Set<Platform> platforms() {
    return byPlatform.keySet();
  }

  /** The platform's figure for the key of a dimension, if the table has one. */
  public Optional<Strength> strength(Platform platform, String dimension, String key) {
    Map<String, Strength> rows = byPlatform.get(platform);
    return rows == null ? Optional.empty() : Optional.ofNullable(rows.get(dimension + "/" + key));
  }

  /** Whether any platform of the table has a row for the key of the dimension. */
  public boolean lists(String dimension, String key) {
    return byPlatform.values().stream().anyMatch(rows -> rows.containsKey(dimension + "/" + key));
  }

  /** Every figure of the platform (empty when the table does not cover it). */
  public Collection<Strength> strengths(Platform platform) {
    Map<String, Strength> rows = byPlatform.get(platform);
    return rows == null ? List.of() : List.copyOf(rows.values());
  }

  @Override
  public String toString() {
    return "PlatformStrengths" + byPlatform.keySet();
  }
}
