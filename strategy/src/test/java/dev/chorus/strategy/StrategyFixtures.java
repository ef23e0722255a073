package dev.chorus.strategy;

import dev.chorus.model.Audience;
import dev.chorus.model.AudienceId;
import dev.chorus.model.Demographics;
import dev.chorus.model.Objective;
import dev.chorus.model.WorkspaceId;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** Audiences and small strength tables for the strategy tests. */
final class StrategyFixtures {

  static final WorkspaceId WS = WorkspaceId.of("ws-strategy");

  private StrategyFixtures() {}

  static Audience audience(Integer ageMin, Integer ageMax, List<String> locations, Set<String> interests) {
    return new Audience(AudienceId.of("aud"), WS, "Sample", new Demographics(ageMin, ageMax, Set.of()),
        locations, List.of("en"), interests, ZoneId.of("Europe/Berlin"), null, null);
  }

  /**
   * A complete table row set for one platform: every objective, age band and market at {@code value}
   * (the header not included).
   */
  static String rows(String platform, double value) {
    StringBuilder csv = new StringBuilder();
    for (Objective objective : Objective.values()) {
      csv.append(platform).append(",objective,").append(objective).append(',').append(value).append(",judgement\n");
    }
    for (String band : PlatformStrengths.AGE_BANDS) {
      csv.append(platform).append(",age,").append(band).append(',').append(value).append(",test survey\n");
    }
    for (Market market : Market.values()) {
      csv.append(platform).append(",market,").append(market).append(',').append(value).append(",judgement\n");
    }
    return csv.toString();
  }

  static String header() {
    return String.join(",", PlatformStrengths.COLUMNS) + "\n";
  }
}
