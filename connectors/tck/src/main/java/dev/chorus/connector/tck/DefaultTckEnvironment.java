package dev.chorus.connector.tck;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** The environment of one verification class: its WireMock server, test clock, sleeper and canary. */
final class DefaultTckEnvironment implements TckEnvironment {

  /** Every rule starts at this instant, so failures reproduce. */
  static final Instant START = Instant.parse("2026-03-02T09:30:00Z");

  private final WireMockServer wireMock;
  private final TestClock clock = new TestClock(START);
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final String canary = "tck-canary-" + UUID.randomUUID().toString().replace("-", "");

  DefaultTckEnvironment(WireMockServer wireMock) {
    this.wireMock = wireMock;
  }

  /** Back to the start instant with no recorded waits; called before every rule. */
  void reset() {
    clock.set(START);
    waits.clear();
  }

  @Override
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + wireMock.port());
  }

  @Override
  public WireMockServer wireMock() {
    return wireMock;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
    if (!duration.isNegative()) {
      clock.advance(duration);
    }
  }

  @Override
  public List<Duration> waits() {
    return List.copyOf(waits);
  }

  @Override
  public String canarySecret() {
    return canary;
  }

  @Override
  public String toString() {
    return "TckEnvironment{baseUrl=" + baseUrl() + ", now=" + clock.instant() + "}";
  }

  /** A clock that moves only when told to. */
  static final class TestClock extends Clock {
    private final AtomicReference<Instant> now;

    TestClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration duration) {
      now.updateAndGet(at -> at.plus(duration));
    }

    void set(Instant instant) {
      now.set(instant);
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
