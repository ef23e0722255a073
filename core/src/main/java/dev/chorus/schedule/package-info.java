/**
 * Scheduling: how a user's intent (an instant, a local time in a zone, a queue slot, a recurrence)
 * becomes the instants posts go out at, with an explicit daylight-saving policy. Non-null by
 * default.
 */
package dev.chorus.schedule;
