package dev.chorus.strategy.paid;

import dev.chorus.InvalidValueException;
import dev.chorus.model.CampaignId;
import dev.chorus.model.Checks;
import dev.chorus.model.Money;
import dev.chorus.model.Platform;
import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The media spend of one workspace in one currency, entered by hand or imported. An entry is
 * identified by its day, campaign, platform and boosted post: recording the same key again
 * replaces the earlier figures (ads managers restate yesterday's spend), so importing the same
 * export twice changes nothing. Thread-safe; every change is all or nothing.
 */
public final class SpendLedger {

  private final Currency currency;
  private final Object lock = new Object();
  private final Map<String, SpendEntry> entries = new LinkedHashMap<>();

  private SpendLedger(Currency currency) {
    this.currency = currency;
  }

  /** An empty ledger kept in {@code currency}. */
  public static SpendLedger in(Currency currency) {
    return new SpendLedger(Checks.required("currency", currency));
  }

  /** The ledger's currency. */
  public Currency currency() {
    return currency;
  }

  /**
   * Records one entry, replacing an earlier one with the same day, campaign, platform and boosted
   * post.
   *
   * @throws InvalidValueException when the entry is in another currency
   */
  public void record(SpendEntry entry) {
    recordAll(List.of(Checks.required("entry", entry)));
  }

  /**
   * Records every entry or, when any is in another currency, none.
   *
   * @throws InvalidValueException naming the first entry in another currency
   */
  public void recordAll(List<SpendEntry> batch) {
    List<SpendEntry> checked = Checks.list("entries", batch);
    for (int i = 0; i < checked.size(); i++) {
      Currency found = checked.get(i).mediaSpend().currency();
      if (!found.equals(currency)) {
        throw new InvalidValueException("entries[" + i + "].mediaSpend.currency", found.getCurrencyCode(),
            "the ledger is kept in " + currency.getCurrencyCode());
      }
    }
    synchronized (lock) {
      checked.forEach(entry -> entries.put(key(entry), entry));
    }
  }

  /**
   * Imports a spend file (see {@link SpendCsv}) all or nothing.
   *
   * @return the entries imported
   * @throws SpendImportException listing every problem; the ledger is unchanged
   */
  public List<SpendEntry> importCsv(Reader reader, Function<String, Optional<CampaignId>> campaigns) {
    List<SpendEntry> parsed = SpendCsv.read(reader, campaigns, currency);
    recordAll(parsed);
    return parsed;
  }

  /** Every entry, by date, campaign and platform. */
  public List<SpendEntry> entries() {
    return entries(entry -> true);
  }

  /** The entries that match, by date, campaign and platform. */
  public List<SpendEntry> entries(Predicate<SpendEntry> filter) {
    Checks.required("filter", filter);
    List<SpendEntry> matching = new ArrayList<>();
    synchronized (lock) {
      entries.values().stream().filter(filter).forEach(matching::add);
    }
    matching.sort(Comparator.comparing(SpendEntry::date)
        .thenComparing(entry -> entry.campaignId().value())
        .thenComparing(entry -> entry.platform().id()));
    return matching;
  }

  /** Media spend of the campaign to date, before fees. */
  public Money mediaSpend(CampaignId campaign) {
    Checks.required("campaign", campaign);
    return entries(entry -> entry.campaignId().equals(campaign)).stream()
        .map(SpendEntry::mediaSpend).reduce(Money.zero(currency), Money::plus);
  }

  /**
   * Totals and cost KPIs per group: by campaign and/or platform, per period, over entries from
   * {@code from} to {@code to} inclusive (either {@code null} for open).
   *
   * @param fee the agency fee added on each group's media spend
   */
  public List<SpendSummary> summarize(SpendGrouping grouping, LocalDate from, LocalDate to, AgencyFee fee) {
    Checks.required("grouping", grouping);
    Checks.required("fee", fee);
    if (from != null && to != null && to.isBefore(from)) {
      throw new InvalidValueException("to", to, "must not be before from " + from);
    }
    Map<SpendGrouping.Key, List<SpendEntry>> groups = new TreeMap<>();
    for (SpendEntry entry : entries(e -> (from == null || !e.date().isBefore(from)) && (to == null || !e.date().isAfter(to)))) {
      groups.computeIfAbsent(grouping.keyOf(entry), k -> new ArrayList<>()).add(entry);
    }
    List<SpendSummary> summaries = new ArrayList<>();
    groups.forEach((key, group) -> summaries.add(SpendSummary.of(key, group, currency, fee)));
    return summaries;
  }

  static String key(SpendEntry entry) {
    return entry.date() + "\u0000" + entry.campaignId().value() + "\u0000" + entry.platform().id() + "\u0000"
        + (entry.boostedPostId() == null ? "" : entry.boostedPostId());
  }

  /** The platforms the ledger has spend on. */
  public List<Platform> platforms() {
    return entries().stream().map(SpendEntry::platform).distinct().toList();
  }
}
