package dev.chorus.webhook;

import dev.chorus.model.Checks;
import dev.chorus.model.Interaction;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One event out of a webhook delivery, normalised: the platform's id for it, its type, the raw JSON
 * it came in, and for comments, replies, mentions, quotes and messages the {@link Interaction} it
 * maps to. Fields Chorus does not know are kept in {@code raw} and otherwise ignored.
 *
 * @param eventId the platform's id of the event (a comment id, a message id); when the platform
 *     gives none, a digest of the event's JSON prefixed with {@code sha256:}
 * @param type the platform's event type, for example {@code comments} or {@code
 *     tweet_create_events}
 * @param raw the event's JSON as received
 * @param interaction the interaction, or {@code null} when the event is not one or cannot be mapped
 */
public record WebhookItem(String eventId, String type, JsonNode raw, Interaction interaction) {

  /** Checks the values. */
  public WebhookItem {
    Checks.notBlank("webhookItem.eventId", eventId);
    Checks.notBlank("webhookItem.type", type);
    Checks.required("webhookItem.raw", raw);
  }

  /** The interaction, when the event is one Chorus can map. */
  public Optional<Interaction> asInteraction() {
    return Optional.ofNullable(interaction);
  }
}
