package dev.chorus.connector.tck.acme;

/**
 * The TCK run against each deliberately broken acme variant. Nested, so surefire does not run them
 * on their own; {@code TckSelfTest} runs them through the JUnit Platform test kit.
 */
final class BrokenAcme {

  private BrokenAcme() {}

  /** The TCK against {@link AcmeProvider.OldSpiVersion}. */
  static final class OldSpiVersion extends AcmeVerificationBase {
    OldSpiVersion() {
      super(new AcmeProvider.OldSpiVersion());
    }
  }

  /** The TCK against {@link AcmeProvider.CrashesWithoutToken}. */
  static final class CrashesWithoutToken extends AcmeVerificationBase {
    CrashesWithoutToken() {
      super(new AcmeProvider.CrashesWithoutToken());
    }
  }

  /** The TCK against {@link AcmeProvider.IoForUndeclaredDelete}. */
  static final class IoForUndeclaredDelete extends AcmeVerificationBase {
    IoForUndeclaredDelete() {
      super(new AcmeProvider.IoForUndeclaredDelete());
    }
  }

  /** The TCK against {@link AcmeProvider.Maps5xxToContentRejected}. */
  static final class Maps5xxToContentRejected extends AcmeVerificationBase {
    Maps5xxToContentRejected() {
      super(new AcmeProvider.Maps5xxToContentRejected());
    }
  }

  /** The TCK against {@link AcmeProvider.DropsRequestId}. */
  static final class DropsRequestId extends AcmeVerificationBase {
    DropsRequestId() {
      super(new AcmeProvider.DropsRequestId());
    }
  }

  /** The TCK against {@link AcmeProvider.SleepsForReal}. */
  static final class SleepsForReal extends AcmeVerificationBase {
    SleepsForReal() {
      super(new AcmeProvider.SleepsForReal());
    }
  }

  /** The TCK against {@link AcmeProvider.IgnoresReset}. */
  static final class IgnoresReset extends AcmeVerificationBase {
    IgnoresReset() {
      super(new AcmeProvider.IgnoresReset());
    }
  }

  /** The TCK against {@link AcmeProvider.RepeatsCursor}. */
  static final class RepeatsCursor extends AcmeVerificationBase {
    RepeatsCursor() {
      super(new AcmeProvider.RepeatsCursor());
    }
  }

  /** The TCK against {@link AcmeProvider.LogsToken}. */
  static final class LogsToken extends AcmeVerificationBase {
    LogsToken() {
      super(new AcmeProvider.LogsToken());
    }
  }

  /** The TCK against {@link AcmeProvider.CountsUtf16Units}. */
  static final class CountsUtf16Units extends AcmeVerificationBase {
    CountsUtf16Units() {
      super(new AcmeProvider.CountsUtf16Units());
    }
  }

  /** The TCK against {@link AcmeProvider.IgnoresHashtagLimit}. */
  static final class IgnoresHashtagLimit extends AcmeVerificationBase {
    IgnoresHashtagLimit() {
      super(new AcmeProvider.IgnoresHashtagLimit());
    }
  }

  /** The TCK against {@link AcmeProvider.ReconcilesAnyPost}. */
  static final class ReconcilesAnyPost extends AcmeVerificationBase {
    ReconcilesAnyPost() {
      super(new AcmeProvider.ReconcilesAnyPost());
    }
  }

  /** The TCK against {@link AcmeProvider.IgnoresBatchSize}. */
  static final class IgnoresBatchSize extends AcmeVerificationBase {
    IgnoresBatchSize() {
      super(new AcmeProvider.IgnoresBatchSize());
    }
  }

  /** The TCK against {@link AcmeProvider.ShowsTokenInToString}. */
  static final class ShowsTokenInToString extends AcmeVerificationBase {
    ShowsTokenInToString() {
      super(new AcmeProvider.ShowsTokenInToString());
    }
  }

  /** The TCK against {@link AcmeProvider.EchoesTokenInErrors}. */
  static final class EchoesTokenInErrors extends AcmeVerificationBase {
    EchoesTokenInErrors() {
      super(new AcmeProvider.EchoesTokenInErrors());
    }
  }

  /** The TCK against {@link AcmeProvider.ReportsRateLimit}, which is not broken. */
  static final class ReportsRateLimit extends AcmeVerificationBase {
    ReportsRateLimit() {
      super(new AcmeProvider.ReportsRateLimit());
    }
  }

  /** The TCK against {@link AcmeProvider.ZeroFillsSearchCounters}. */
  static final class ZeroFillsSearchCounters extends AcmeVerificationBase {
    ZeroFillsSearchCounters() {
      super(new AcmeProvider.ZeroFillsSearchCounters());
    }
  }

  /** The TCK against {@link AcmeProvider.SearchesAnyKind}. */
  static final class SearchesAnyKind extends AcmeVerificationBase {
    SearchesAnyKind() {
      super(new AcmeProvider.SearchesAnyKind());
    }
  }

  /** The TCK against {@link AcmeProvider.IgnoresRecentPostsLimit}. */
  static final class IgnoresRecentPostsLimit extends AcmeVerificationBase {
    IgnoresRecentPostsLimit() {
      super(new AcmeProvider.IgnoresRecentPostsLimit());
    }
  }

  /** The TCK against {@link AcmeProvider.UnknownProfileAsEmpty}. */
  static final class UnknownProfileAsEmpty extends AcmeVerificationBase {
    UnknownProfileAsEmpty() {
      super(new AcmeProvider.UnknownProfileAsEmpty());
    }
  }
}
