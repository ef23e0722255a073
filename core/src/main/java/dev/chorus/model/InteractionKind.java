package dev.chorus.model;

/** What kind of interaction arrived from the community. */
public enum InteractionKind {
  /** A comment on one of the account's posts. */
  COMMENT,
  /** A reply to a comment or to a post in a thread. */
  REPLY,
  /** A post elsewhere that mentions the account. */
  MENTION,
  /** A quote of one of the account's posts. */
  QUOTE,
  /** A private message. */
  DIRECT_MESSAGE
}
