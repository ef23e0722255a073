package dev.chorus.webhook;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import java.time.Clock;
import java.time.Duration;

/**
 * What every inbound verifier shares: where seen event ids are remembered, how platform account
 * ids map to Chorus accounts, and how far a signed timestamp may be from the time of receipt.
 * Immutable; build one per application and pass it to each verifier so they share one {@link
 * SeenIds}.
 */
public final class WebhookSettings {

  /** The default window for signed timestamps. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private final SeenIds seenIds;
  private final AccountResolver accounts;
  private final Duration tolerance;

  private WebhookSettings(Builder b) {
    this.tolerance = Checks.required("webhookSettings.tolerance", b.tolerance);
    if (tolerance.isNegative() || tolerance.isZero()) {
      throw new InvalidValueException("webhookSettings.tolerance", tolerance, "must be positive");
    }
    this.accounts = Checks.required("webhookSettings.accounts", b.accounts);
    Checks.required("webhookSettings.clock", b.clock);
    this.seenIds =
        b.seenIds != null ? b.seenIds : SeenIds.inMemory(100_000, Duration.ofHours(24), b.clock);
  }

  /** A builder: system clock, an in-memory {@link SeenIds} (100 000 ids, 24 hours), no account mapping, 5 minutes. */
  public static Builder builder() {
    return new Builder();
  }

  /** Where seen event ids are remembered. */
  public SeenIds seenIds() {
    return seenIds;
  }

  /** Maps platform account ids to Chorus accounts. */
  public AccountResolver accounts() {
    return accounts;
  }

  /** The accepted distance between a signed timestamp and the time of receipt. */
  public Duration tolerance() {
    return tolerance;
  }

  /** Builds {@link WebhookSettings}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private SeenIds seenIds;
    private AccountResolver accounts = AccountResolver.NONE;
    private Duration tolerance = DEFAULT_TOLERANCE;

    private Builder() {}

    /** The clock that expires ids in the default in-memory {@link SeenIds}. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** A shared implementation replacing the in-memory default. */
    public Builder seenIds(SeenIds seenIds) {
      this.seenIds = Checks.required("webhookSettings.seenIds", seenIds);
      return this;
    }

    /** The account mapping (default {@link AccountResolver#NONE}). */
    public Builder accounts(AccountResolver accounts) {
      this.accounts = accounts;
      return this;
    }

    /** The timestamp window (default 5 minutes). */
    public Builder tolerance(Duration tolerance) {
      this.tolerance = tolerance;
      return this;
    }

    /** The settings. */
    public WebhookSettings build() {
      return new WebhookSettings(this);
    }
  }
}
