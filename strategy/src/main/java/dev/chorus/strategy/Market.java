package dev.chorus.strategy;

/** Whether a campaign sells to businesses or to consumers; the advisor's market fit reads it. */
public enum Market {
  /** Business to business. */
  B2B,
  /** Business to consumer. */
  B2C
}
