/**
 * The unified inbox: comments, replies, mentions and direct messages of every connected account,
 * normalised, threaded into {@link dev.chorus.inbox.Conversation}s, de-duplicated across polling and
 * webhook delivery; the triage workflow (status, assignment, notes, tags, priority, rules, saved
 * replies); replies sent at most once; response SLAs; and crisis mode.
 *
 * <p>Reach it through {@code chorus.inbox()} (system level: sync, webhook ingestion) and
 * {@code session.inbox()} (permission-checked work of one actor), and crisis mode through
 * {@code chorus.crisis()}.
 */
package dev.chorus.inbox;
