package dev.chorus.strategy.paid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chorus.calendar.RowError;
import dev.chorus.model.CampaignId;
import dev.chorus.model.Money;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SpendCsvTest {

  static final Map<String, CampaignId> KNOWN = Map.of("spring", CampaignId.of("c-1"), "c-1", CampaignId.of("c-1"));
  static final Function<String, Optional<CampaignId>> CAMPAIGNS = name -> Optional.ofNullable(KNOWN.get(name));

  static final String GOOD = """
      date,campaign,platform,spend,currency,impressions,clicks,conversions,conversion_value,boosted_post
      2026-03-02,spring,tiktok,99.90,EUR,50000,420,7,350.00,
      2026-03-02,spring,tiktok,12.10,EUR,3000,,,,tt-777
      2026-03-03,c-1,pinterest,40,eur,8000,64,,,
      """;

  @Test
  void a_good_file_imports_every_row_and_importing_it_again_changes_nothing() {
    SpendLedger ledger = SpendLedger.in(SpendLedgerTest.EUR);
    assertThat(ledger.importCsv(new StringReader(GOOD), CAMPAIGNS)).hasSize(3);
    assertThat(ledger.entries()).hasSize(3);
    assertThat(ledger.mediaSpend(CampaignId.of("c-1"))).isEqualTo(Money.of("152.00", "EUR")); // 99.90 + 12.10 + 40
    SpendEntry boosted = ledger.entries().get(1);
    assertThat(boosted.boostedPostId()).isEqualTo("tt-777");
    assertThat(boosted.clicks()).as("an empty cell is unknown, not 0").isNull();
    assertThat(boosted.source()).isEqualTo("csv");

    ledger.importCsv(new StringReader(GOOD), CAMPAIGNS);
    assertThat(ledger.entries()).hasSize(3);
    assertThat(ledger.mediaSpend(CampaignId.of("c-1"))).isEqualTo(Money.of("152.00", "EUR"));
  }

  @Test
  void every_bad_cell_is_reported_with_row_and_column_and_nothing_is_imported() {
    SpendLedger ledger = SpendLedger.in(SpendLedgerTest.EUR);
    String bad = """
        date,campaign,platform,spend,currency,clicks
        2026-02-30,spring,x,10,EUR,5
        2026-03-01,autumn,x,-3,EUR,many
        2026-03-01,spring,X!,10,USD,
        2026-03-02,spring,x,10,EUR,1
        2026-03-02,spring,x,11,EUR,2
        """;
    SpendImportException e = catchThrowableOfType(SpendImportException.class,
        () -> ledger.importCsv(new StringReader(bad), CAMPAIGNS));
    assertThat(e.errors()).extracting(RowError::row, RowError::column).containsExactly(
        org.assertj.core.groups.Tuple.tuple(2, "date"),
        org.assertj.core.groups.Tuple.tuple(3, "campaign"),
        org.assertj.core.groups.Tuple.tuple(3, "spend"),
        org.assertj.core.groups.Tuple.tuple(3, "clicks"),
        org.assertj.core.groups.Tuple.tuple(4, "platform"),
        org.assertj.core.groups.Tuple.tuple(4, "currency"),
        org.assertj.core.groups.Tuple.tuple(6, "date"));
    assertThat(e.errors().get(1).value()).isEqualTo("autumn");
    assertThat(e.errors().get(6).reason()).contains("row 5");
    assertThat(e.getMessage()).contains("7 problems", "nothing was imported");
    assertThat(ledger.entries()).isEmpty();
  }

  @Test
  void header_problems_are_reported_before_any_row() {
    SpendImportException missing = catchThrowableOfType(SpendImportException.class,
        () -> SpendCsv.read(new StringReader("date,campaign,platform,cost\n2026-03-01,spring,x,1\n"), CAMPAIGNS,
            SpendLedgerTest.EUR));
    assertThat(missing.errors()).extracting(RowError::column).containsExactly("cost", "spend", "currency");
    SpendImportException empty = catchThrowableOfType(SpendImportException.class,
        () -> SpendCsv.read(new StringReader(""), CAMPAIGNS, SpendLedgerTest.EUR));
    assertThat(empty.errors()).singleElement().satisfies(err -> assertThat(err.column()).isEqualTo("header"));
  }
}
