package dev.chorus.schedule;

import dev.chorus.model.Checks;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Optional;

/**
 * How a local wall-clock time becomes an instant around daylight-saving changes. The default
 * shifts a time in a gap forward and takes the earlier of two overlapping instants, so a daily
 * 09:00 post stays at 09:00 local all year.
 */
public record DstPolicy(GapPolicy gap, OverlapPolicy overlap) {

  /** Shift forward in a gap, earlier offset in an overlap. */
  public static final DstPolicy DEFAULT = new DstPolicy(GapPolicy.SHIFT_FORWARD, OverlapPolicy.EARLIER);

  public DstPolicy {
    Checks.required("dstPolicy.gap", gap);
    Checks.required("dstPolicy.overlap", overlap);
  }

  /**
   * The instant the local time means in the zone under this policy; empty when it falls in a gap
   * and the policy skips it.
   *
   * @throws NonexistentLocalTimeException when it falls in a gap and the policy rejects it
   */
  public Optional<Instant> resolve(LocalDateTime local, ZoneId zone) {
    List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
    if (offsets.size() == 1) {
      return Optional.of(local.toInstant(offsets.get(0)));
    }
    if (offsets.size() == 2) {
      ZoneOffset chosen = overlap == OverlapPolicy.EARLIER
          ? (offsets.get(0).getTotalSeconds() > offsets.get(1).getTotalSeconds() ? offsets.get(0) : offsets.get(1))
          : (offsets.get(0).getTotalSeconds() > offsets.get(1).getTotalSeconds() ? offsets.get(1) : offsets.get(0));
      return Optional.of(local.toInstant(chosen));
    }
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    switch (gap) {
      case SKIP:
        return Optional.empty();
      case REJECT:
        throw new NonexistentLocalTimeException("localTime", local, zone);
      case SHIFT_FORWARD:
      default:
        // Later by the gap's length: 02:30 in a one-hour gap is 03:30, in Lord Howe's half hour 02:30 is 02:30+0:30.
        return Optional.of(local.plus(transition.getDuration()).toInstant(transition.getOffsetAfter()));
    }
  }
}
