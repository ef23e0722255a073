package dev.chorus.inbox;

import dev.chorus.model.Checks;

/** The id of a {@link Conversation}; derived from the account and the conversation's root, so every node computes the same one. */
public record ConversationId(String value) {

  /** Checks the value. */
  public ConversationId {
    Checks.notBlank("conversationId", value);
  }

  /** The id with this value. */
  public static ConversationId of(String value) {
    return new ConversationId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
