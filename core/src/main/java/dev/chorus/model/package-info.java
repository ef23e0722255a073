/**
 * The Chorus domain model: workspaces and their members, social accounts, posts with per-target
 * variants, campaigns, audiences, KPIs, metric snapshots and interactions. Every type is an
 * immutable value that validates itself on construction and names the offending field when it
 * refuses a value. Non-null by default: a component that may be {@code null} says so.
 */
package dev.chorus.model;
