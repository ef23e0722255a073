package dev.chorus.analytics;

/** The outcome of an A/B test evaluation. */
public enum AbVerdict {
  /** Not judged yet: the planned sample is not reached (fixed horizon) or the evidence is not conclusive so far. */
  PENDING,
  /** The arms differ at the test's significance level. */
  SIGNIFICANT,
  /** The planned sample was reached and no difference was found at the significance level. */
  NOT_SIGNIFICANT
}
