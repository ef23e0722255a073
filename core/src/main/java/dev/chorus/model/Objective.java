package dev.chorus.model;

/** What a campaign is for; it decides which KPIs matter most. */
public enum Objective {
  AWARENESS,
  ENGAGEMENT,
  TRAFFIC,
  LEADS,
  SALES,
  TRUST
}
