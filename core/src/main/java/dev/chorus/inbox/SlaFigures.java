package dev.chorus.inbox;

import java.time.Duration;
import java.util.Optional;

/**
 * Response figures over a set of conversations.
 *
 * @param received conversations counted
 * @param responded those with a first reply
 * @param responseRate {@code responded / received}, 0 when nothing was received
 * @param meanFirstResponse mean business-hours first-response time of the responded ones, or {@code null}
 * @param medianFirstResponse their median (the mean of the two middle values for an even count), or {@code null}
 */
public record SlaFigures(
    int received, int responded, double responseRate, Duration meanFirstResponse, Duration medianFirstResponse) {

  /** The mean, when anything was answered. */
  public Optional<Duration> mean() {
    return Optional.ofNullable(meanFirstResponse);
  }

  /** The median, when anything was answered. */
  public Optional<Duration> median() {
    return Optional.ofNullable(medianFirstResponse);
  }
}
