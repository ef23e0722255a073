package dev.chorus.connector.tck.acme;

import dev.chorus.connector.Capabilities;
import dev.chorus.connector.Capability;
import dev.chorus.connector.ConfigOption;
import dev.chorus.connector.ConfigSpec;
import dev.chorus.connector.ConfigType;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorConfig;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorProvider;
import dev.chorus.connector.Limits;
import dev.chorus.connector.MediaLimit;
import dev.chorus.connector.TextLimit;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.MediaKind;
import dev.chorus.model.Metric;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import dev.chorus.text.CountingRule;
import java.util.EnumSet;
import java.util.Set;

/**
 * The provider of "acme", a made-up platform the TCK proves itself against. The public nested
 * subclasses are the same connector with one deliberate flaw each, on their own platform id so
 * that all of them can be registered for ServiceLoader at once.
 */
public class AcmeProvider implements ConnectorProvider {

  /** What is deliberately wrong with a variant. */
  public enum Flaw {
    NONE,
    /** Not a flaw: reports a rate limit to the caller instead of waiting for the reset. */
    REPORTS_RATE_LIMIT,
    OLD_SPI_VERSION,
    CRASHES_WITHOUT_TOKEN,
    IO_FOR_UNDECLARED_DELETE,
    MAPS_5XX_TO_CONTENT_REJECTED,
    DROPS_REQUEST_ID,
    SLEEPS_FOR_REAL,
    IGNORES_RESET,
    REPEATS_CURSOR,
    LOGS_TOKEN,
    SHOWS_TOKEN_IN_TO_STRING,
    ECHOES_TOKEN_IN_ERRORS,
    COUNTS_UTF16_UNITS,
    IGNORES_HASHTAG_LIMIT,
    RECONCILES_ANY_POST,
    IGNORES_BATCH_SIZE,
    ZERO_FILLS_SEARCH_COUNTERS,
    SEARCHES_ANY_KIND,
    IGNORES_RECENT_POSTS_LIMIT,
    UNKNOWN_PROFILE_AS_EMPTY
  }

  static final Limits LIMITS = Limits.builder(TextLimit.of(100, CountingRule.GRAPHEMES))
      .maxHashtags(3)
      .maxMentions(5)
      .maxMediaPerPost(4)
      .media(MediaLimit.builder(MediaKind.IMAGE, 4).mimeTypes("image/jpeg", "image/png").build())
      .carousel(2, 4)
      .maxThreadParts(5)
      .pollMaxOptions(4)
      .build();

  private final Flaw flaw;

  /** The correct acme connector. */
  public AcmeProvider() {
    this(Flaw.NONE);
  }

  AcmeProvider(Flaw flaw) {
    this.flaw = flaw;
  }

  Flaw flaw() {
    return flaw;
  }

  @Override
  public Platform platform() {
    return flaw == Flaw.NONE
        ? Platform.of("acme")
        : Platform.of("acme-" + flaw.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
  }

  @Override
  public int spiVersion() {
    return flaw == Flaw.OLD_SPI_VERSION ? 0 : ConnectorProvider.super.spiVersion();
  }

  @Override
  public Capabilities capabilities() {
    Set<Capability> features = EnumSet.of(Capability.PUBLISH, Capability.DELETE, Capability.RECONCILE,
        Capability.POST_METRICS, Capability.ACCOUNT_METRICS, Capability.INTERACTIONS, Capability.REPLY,
        Capability.POLL, Capability.SEARCH, Capability.PUBLIC_PROFILES);
    if (flaw == Flaw.IO_FOR_UNDECLARED_DELETE) {
      features.remove(Capability.DELETE);
    }
    return Capabilities.builder(LIMITS)
        .features(features.toArray(Capability[]::new))
        .formats(PostFormat.FEED, PostFormat.CAROUSEL, PostFormat.THREAD)
        .mediaKinds(MediaKind.IMAGE)
        .interactionKinds(InteractionKind.COMMENT)
        .postMetrics(Metric.IMPRESSIONS, Metric.LIKES)
        .accountMetrics(Metric.FOLLOWERS)
        .metricsBatchSize(4)
        .build();
  }

  @Override
  public ConfigSpec configSpec() {
    ConfigOption token = flaw == Flaw.CRASHES_WITHOUT_TOKEN
        ? ConfigOption.optionalSecret("apiToken", "The acme API token")
        : ConfigOption.secret("apiToken", "The acme API token");
    return ConfigSpec.of(
        ConfigOption.optional("baseUrl", ConfigType.URL, "https://api.acme.example", "The acme API base URL"),
        token,
        ConfigOption.optional("timeout", ConfigType.DURATION, "PT10S", "Timeout of one call"));
  }

  @Override
  public Connector create(ConnectorContext context, ConnectorConfig config) {
    return new AcmeConnector(this, context, config);
  }

  /** Correct too: throws RateLimitedException instead of waiting for the reset. */
  public static final class ReportsRateLimit extends AcmeProvider {
    /** For ServiceLoader. */
    public ReportsRateLimit() {
      super(Flaw.REPORTS_RATE_LIMIT);
    }
  }

  /** Declares an SPI version it does not speak. */
  public static final class OldSpiVersion extends AcmeProvider {
    /** For ServiceLoader. */
    public OldSpiVersion() {
      super(Flaw.OLD_SPI_VERSION);
    }
  }

  /** Declares its token optional and crashes without it. */
  public static final class CrashesWithoutToken extends AcmeProvider {
    /** For ServiceLoader. */
    public CrashesWithoutToken() {
      super(Flaw.CRASHES_WITHOUT_TOKEN);
    }
  }

  /** Does not declare DELETE but deletes anyway. */
  public static final class IoForUndeclaredDelete extends AcmeProvider {
    /** For ServiceLoader. */
    public IoForUndeclaredDelete() {
      super(Flaw.IO_FOR_UNDECLARED_DELETE);
    }
  }

  /** Maps a 503 to a content rejection. */
  public static final class Maps5xxToContentRejected extends AcmeProvider {
    /** For ServiceLoader. */
    public Maps5xxToContentRejected() {
      super(Flaw.MAPS_5XX_TO_CONTENT_REJECTED);
    }
  }

  /** Forgets the platform's request id. */
  public static final class DropsRequestId extends AcmeProvider {
    /** For ServiceLoader. */
    public DropsRequestId() {
      super(Flaw.DROPS_REQUEST_ID);
    }
  }

  /** Calls Thread.sleep until the reset. */
  public static final class SleepsForReal extends AcmeProvider {
    /** For ServiceLoader. */
    public SleepsForReal() {
      super(Flaw.SLEEPS_FOR_REAL);
    }
  }

  /** Throws a rate limit with a made-up retry time. */
  public static final class IgnoresReset extends AcmeProvider {
    /** For ServiceLoader. */
    public IgnoresReset() {
      super(Flaw.IGNORES_RESET);
    }
  }

  /** Hands back the first cursor on every page. */
  public static final class RepeatsCursor extends AcmeProvider {
    /** For ServiceLoader. */
    public RepeatsCursor() {
      super(Flaw.REPEATS_CURSOR);
    }
  }

  /** Logs the token at DEBUG. */
  public static final class LogsToken extends AcmeProvider {
    /** For ServiceLoader. */
    public LogsToken() {
      super(Flaw.LOGS_TOKEN);
    }
  }

  /** Shows the token in toString. */
  public static final class ShowsTokenInToString extends AcmeProvider {
    /** For ServiceLoader. */
    public ShowsTokenInToString() {
      super(Flaw.SHOWS_TOKEN_IN_TO_STRING);
    }
  }

  /** Repeats the token in the message of an authentication failure. */
  public static final class EchoesTokenInErrors extends AcmeProvider {
    /** For ServiceLoader. */
    public EchoesTokenInErrors() {
      super(Flaw.ECHOES_TOKEN_IN_ERRORS);
    }
  }

  /** Counts text with String.length() instead of graphemes. */
  public static final class CountsUtf16Units extends AcmeProvider {
    /** For ServiceLoader. */
    public CountsUtf16Units() {
      super(Flaw.COUNTS_UTF16_UNITS);
    }
  }

  /** Forgets to check hashtags. */
  public static final class IgnoresHashtagLimit extends AcmeProvider {
    /** For ServiceLoader. */
    public IgnoresHashtagLimit() {
      super(Flaw.IGNORES_HASHTAG_LIMIT);
    }
  }

  /** Reconciles to whatever post the account made last. */
  public static final class ReconcilesAnyPost extends AcmeProvider {
    /** For ServiceLoader. */
    public ReconcilesAnyPost() {
      super(Flaw.RECONCILES_ANY_POST);
    }
  }

  /** Asks for every post's metrics in one request. */
  public static final class IgnoresBatchSize extends AcmeProvider {
    /** For ServiceLoader. */
    public IgnoresBatchSize() {
      super(Flaw.IGNORES_BATCH_SIZE);
    }
  }

  /** Reports a public counter the platform left out of a search result as zero. */
  public static final class ZeroFillsSearchCounters extends AcmeProvider {
    /** For ServiceLoader. */
    public ZeroFillsSearchCounters() {
      super(Flaw.ZERO_FILLS_SEARCH_COUNTERS);
    }
  }

  /** Sends a search for mentions, which acme cannot search, to the platform. */
  public static final class SearchesAnyKind extends AcmeProvider {
    /** For ServiceLoader. */
    public SearchesAnyKind() {
      super(Flaw.SEARCHES_ANY_KIND);
    }
  }

  /** Returns every recent post the platform sent, however few were asked for. */
  public static final class IgnoresRecentPostsLimit extends AcmeProvider {
    /** For ServiceLoader. */
    public IgnoresRecentPostsLimit() {
      super(Flaw.IGNORES_RECENT_POSTS_LIMIT);
    }
  }

  /** Answers a lookup of an unknown handle with an empty profile. */
  public static final class UnknownProfileAsEmpty extends AcmeProvider {
    /** For ServiceLoader. */
    public UnknownProfileAsEmpty() {
      super(Flaw.UNKNOWN_PROFILE_AS_EMPTY);
    }
  }
}
