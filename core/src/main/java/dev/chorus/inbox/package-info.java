/**
 * The unified inbox: comments, replies, mentions and direct messages of every connected account,
 * normalised, threaded into {@link dev.chorus.inbox.Conversation}s, de-duplicated across polling and
 * webhook delivery; the triage workflow (status, assignment, notes, tags, priority, rules, saved
 * replies); replies sent at most once; response SLAs; and crisis mode.
 *
 * <p>Reach it through {@code chorus.inbox()} (system level: sync, webhook ingestion),
 * {@code session.inbox()} (permission-checked work of one actor) and {@code chorus.crisis()}.
 *
 * <p><b>Threading.</b> A direct message joins the conversation of its author; a reply joins the
 * conversation of its parent when the parent is stored, otherwise it opens the conversation its
 * parent will join when it arrives; anything else opens its own. Conversation ids are derived from
 * (workspace, account, root), so every node computes the same id.
 *
 * <p><b>Replies never twice.</b> A reply's idempotency key is derived from the answered message and
 * the caller's draft id; the attempt is recorded before the connector is called; a lost response
 * leaves it {@link dev.chorus.inbox.ReplyState#UNKNOWN} until a person confirms it or asks for a
 * resend under the same key.
 *
 * <p><b>SLAs.</b> Core cannot depend on the analytics module, so it does both: it exposes the raw
 * {@link dev.chorus.inbox.ResponseRecord} tuples (received, first response, actor) that analytics
 * consumes, and computes first-response mean and median inside {@link dev.chorus.inbox.BusinessHours}
 * and the response rate, per account and per actor, with {@link dev.chorus.inbox.SlaReport}.
 * First-response time is measured from the conversation's first inbound message (platform time) to
 * its first reply; later messages in an answered conversation do not start a new clock.
 */
package dev.chorus.inbox;
