package dev.chorus.inbox.internal;

import dev.chorus.inbox.ConversationId;
import dev.chorus.model.AccountId;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Interaction;
import dev.chorus.model.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Threading and key derivation: pure functions, so every node derives the same ids. */
public final class Threading {

  private Threading() {}

  /**
   * The root of a new interaction: a direct message hangs off its author, a reply off the
   * conversation of its parent when known ({@code parentRoot}), otherwise off its parent's id, and
   * anything else off itself.
   *
   * @param parentRoot the root of the parent's conversation when the parent is stored, or {@code null}
   */
  public static String rootRef(Interaction interaction, String parentRoot) {
    if (interaction.kind() == InteractionKind.DIRECT_MESSAGE) {
      return "dm:" + interaction.authorId();
    }
    if (parentRoot != null) {
      return parentRoot;
    }
    if (interaction.parentExternalId() != null) {
      return "item:" + interaction.parentExternalId();
    }
    return "item:" + interaction.externalId();
  }

  /** The conversation id of the root on the account. */
  public static ConversationId conversationId(WorkspaceId workspace, AccountId account, String rootRef) {
    return ConversationId.of("cv-" + digest(workspace.value() + "\u0000" + account.value() + "\u0000" + rootRef, 20));
  }

  /** The idempotency key of a reply: derived from the message answered and the draft id. */
  public static String replyKey(String platform, String parentExternalId, String draftId) {
    return "inbox-" + digest(platform + "\u0000" + parentExternalId + "\u0000" + draftId, 32);
  }

  private static String digest(String text, int hexChars) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, hexChars);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
