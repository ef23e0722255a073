package dev.chorus.webhook;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.Secret;
import dev.chorus.event.ChorusEvent;
import dev.chorus.model.Checks;
import java.net.URI;
import java.util.Set;

/**
 * A host's endpoint that receives Chorus events: where to post, the secret to sign with, and which
 * event types to send. Its {@code toString} never shows the secret.
 *
 * @param id the host's id for the subscription, shown in the delivery log
 * @param url an absolute {@code http} or {@code https} URL
 * @param secret the shared secret for {@code X-Chorus-Signature}
 * @param eventTypes the event types to send (simple class names such as {@code
 *     TargetTransitioned}, see {@link #typeOf}); empty means every event
 */
public record WebhookSubscription(String id, URI url, Secret secret, Set<String> eventTypes) {

  /** Checks and copies the values. */
  public WebhookSubscription {
    Checks.notBlank("webhookSubscription.id", id);
    Checks.required("webhookSubscription.url", url);
    String scheme = url.getScheme();
    if (!url.isAbsolute() || url.getHost() == null
        || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
      throw new InvalidValueException("webhookSubscription.url", url, "must be an absolute http or https URL");
    }
    Checks.required("webhookSubscription.secret", secret);
    if (secret.reveal().isEmpty()) {
      throw new InvalidValueException("webhookSubscription.secret", "***", "must not be empty");
    }
    eventTypes = Checks.set("webhookSubscription.eventTypes", eventTypes);
  }

  /** A subscription to every event. */
  public static WebhookSubscription all(String id, URI url, Secret secret) {
    return new WebhookSubscription(id, url, secret, Set.of());
  }

  /** Whether the event passes the filter. */
  public boolean accepts(ChorusEvent event) {
    return eventTypes.isEmpty() || eventTypes.contains(typeOf(event));
  }

  /** The type name of an event as sent in the envelope: its simple class name. */
  public static String typeOf(ChorusEvent event) {
    return event.getClass().getSimpleName();
  }
}
