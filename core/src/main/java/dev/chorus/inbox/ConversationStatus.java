package dev.chorus.inbox;

/** Where a conversation stands in the triage workflow. */
public enum ConversationStatus {
  /** Nobody has taken it yet. */
  NEW,
  /** An actor owns it. */
  ASSIGNED,
  /** The account has replied; a new inbound message moves it back to NEW or ASSIGNED. */
  REPLIED,
  /** Done; a new inbound message reopens it. */
  CLOSED,
  /** Junk; stays spam whatever arrives. */
  SPAM
}
