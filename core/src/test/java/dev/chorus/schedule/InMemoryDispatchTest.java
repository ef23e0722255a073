package dev.chorus.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The scenarios on the in-memory store, with a mutable test clock. */
class InMemoryDispatchTest extends DispatchScenarios {

  /** A clock that moves only when told to. */
  static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant start) {
      this.now = start;
    }

    synchronized void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private TestClock clock;

  @Override
  DispatchStore newStore() {
    clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
    return new InMemoryDispatchStore(clock);
  }

  @Override
  void advance(Duration by) {
    clock.advance(by);
  }

  @Test
  void an_idle_node_wakes_when_the_next_dispatch_falls_due() throws Exception {
    anIdleNodeWakesWhenTheNextDispatchFallsDue(new InMemoryDispatchStore(Clock.systemUTC()), 1);
    anIdleNodeWakesWhenTheNextDispatchFallsDue(new InMemoryDispatchStore(Clock.systemUTC()), 4);
  }

  @Override
  int raceSize() {
    return 600;
  }
}
