package dev.chorus.model;

/** The unit a KPI is expressed in. */
public enum KpiUnit {
  /** A plain count, such as impressions. */
  COUNT,
  /** A fraction between 0 and 1 (shown as a percentage). */
  RATIO,
  /** Money in the campaign's currency. */
  MONEY,
  /** A span of time. */
  DURATION
}
