package dev.chorus.strategy.paid;

import dev.chorus.InvalidValueException;
import dev.chorus.calendar.RowError;
import dev.chorus.model.CampaignId;
import dev.chorus.model.Checks;
import dev.chorus.model.Money;
import dev.chorus.model.Platform;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads media spend exported from an ads manager, or kept in a spreadsheet, as CSV with a header
 * row. Columns (case-insensitive, any order): {@code date} (ISO, 2026-03-31), {@code campaign},
 * {@code platform}, {@code spend} and {@code currency} are required; {@code impressions}, {@code
 * clicks}, {@code conversions}, {@code conversion_value} and {@code boosted_post} are optional,
 * and an empty cell means "not reported". Every problem is collected; a file with any problem
 * yields nothing.
 */
public final class SpendCsv {

  /** The columns a spend file may have. */
  public static final List<String> COLUMNS = List.of("date", "campaign", "platform", "spend", "currency",
      "impressions", "clicks", "conversions", "conversion_value", "boosted_post");

  private static final List<String> REQUIRED = List.of("date", "campaign", "platform", "spend", "currency");

  private SpendCsv() {}

  /**
   * Parses every row into an entry with source {@code csv}.
   *
   * @param campaigns resolves a {@code campaign} cell (an id or a name) to a campaign of the
   *     workspace, or empty when there is none
   * @param currency the ledger's currency: every row must be in it
   * @throws SpendImportException listing every bad cell, row and header problem
   */
  public static List<SpendEntry> read(Reader reader, Function<String, Optional<CampaignId>> campaigns, Currency currency) {
    Checks.required("reader", reader);
    Checks.required("campaigns", campaigns);
    Checks.required("currency", currency);
    List<RowError> errors = new ArrayList<>();
    List<SpendEntry> entries = new ArrayList<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true).setTrim(true).get();
    try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      Map<String, String> columns = columns(parser.getHeaderNames(), errors);
      if (!errors.isEmpty()) {
        throw new SpendImportException(errors);
      }
      Map<String, Integer> firstRowOfKey = new HashMap<>();
      for (CSVRecord record : parser) {
        int row = Math.toIntExact(record.getRecordNumber()) + 1;
        Optional<SpendEntry> entry = row(record, row, columns, campaigns, currency, errors);
        if (entry.isPresent()) {
          Integer earlier = firstRowOfKey.putIfAbsent(SpendLedger.key(entry.get()), row);
          if (earlier != null) {
            errors.add(new RowError(row, "date", record.get(columns.get("date")),
                "the same day, campaign, platform and boosted post as row " + earlier));
          } else {
            entries.add(entry.get());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the spend file failed", e);
    } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
      // commons-csv reports malformed quoting (and some I/O) this way
      errors.add(new RowError(entries.size() + errors.size() + 2, "-", "", "malformed CSV: " + e.getMessage()));
    }
    if (!errors.isEmpty()) {
      throw new SpendImportException(errors);
    }
    return List.copyOf(entries);
  }

  /** Lower-case column name → the header as written; unknown, repeated and missing ones are errors. */
  private static Map<String, String> columns(List<String> header, List<RowError> errors) {
    if (header == null || header.isEmpty()) {
      errors.add(new RowError(1, "header", "", "the file is empty; expected a header row with " + COLUMNS));
      return Map.of();
    }
    Map<String, String> columns = new HashMap<>();
    for (String name : header) {
      String key = name.toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(key)) {
        errors.add(new RowError(1, name, name, "unknown column; known columns are " + COLUMNS));
      } else if (columns.putIfAbsent(key, name) != null) {
        errors.add(new RowError(1, name, name, "column appears twice"));
      }
    }
    REQUIRED.stream().filter(required -> !columns.containsKey(required))
        .forEach(required -> errors.add(new RowError(1, required, "", "required column is missing")));
    return columns;
  }

  private static Optional<SpendEntry> row(CSVRecord record, int row, Map<String, String> columns,
      Function<String, Optional<CampaignId>> campaigns, Currency currency, List<RowError> errors) {
    int before = errors.size();
    Cells cells = new Cells(record, row, columns, errors);
    LocalDate date = null;
    String dateText = cells.text("date");
    try {
      date = LocalDate.parse(dateText);
    } catch (DateTimeParseException e) {
      cells.error("date", dateText.isEmpty() ? "required" : "not a date like 2026-03-31");
    }
    String campaignText = cells.text("campaign");
    CampaignId campaign = null;
    if (campaignText.isEmpty()) {
      cells.error("campaign", "required");
    } else {
      campaign = campaigns.apply(campaignText).orElse(null);
      if (campaign == null) {
        cells.error("campaign", "no such campaign in the workspace");
      }
    }
    Platform platform = null;
    String platformText = cells.text("platform");
    try {
      platform = Platform.of(platformText);
    } catch (InvalidValueException e) {
      cells.error("platform", platformText.isEmpty() ? "required" : "not a platform id like linkedin");
    }
    String currencyText = cells.text("currency");
    if (!currencyText.equalsIgnoreCase(currency.getCurrencyCode())) {
      cells.error("currency", currencyText.isEmpty() ? "required"
          : "the ledger is kept in " + currency.getCurrencyCode() + "; convert before importing");
    }
    Money spend = cells.money("spend", currency, true);
    Long impressions = cells.count("impressions");
    Long clicks = cells.count("clicks");
    Long conversions = cells.count("conversions");
    Money value = cells.money("conversion_value", currency, false);
    String boosted = cells.text("boosted_post");
    if (errors.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new SpendEntry(date, campaign, platform, spend, impressions, clicks, conversions, value,
        boosted.isEmpty() ? null : boosted, "csv"));
  }

  /** The cells of one row, with the row's error list. */
  private record Cells(CSVRecord record, int row, Map<String, String> columns, List<RowError> errors) {

    String text(String column) {
      String header = columns.get(column);
      return header == null || !record.isSet(header) ? "" : record.get(header).strip();
    }

    void error(String column, String reason) {
      errors.add(new RowError(row, column, text(column), reason));
    }

    Long count(String column) {
      String text = text(column);
      if (text.isEmpty()) {
        return null;
      }
      try {
        long value = Long.parseLong(text);
        if (value >= 0) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      error(column, "not a whole number of at least 0");
      return null;
    }

    Money money(String column, Currency currency, boolean required) {
      String text = text(column);
      if (text.isEmpty()) {
        if (required) {
          error(column, "required");
        }
        return null;
      }
      try {
        BigDecimal amount = new BigDecimal(text);
        if (amount.signum() >= 0) {
          return new Money(amount, currency);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      error(column, "not an amount of at least 0 like 125.40");
      return null;
    }
  }
}
