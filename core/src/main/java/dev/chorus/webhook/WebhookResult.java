package dev.chorus.webhook;

import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import java.util.List;

/**
 * The outcome of a verified webhook request. A host answers a {@link Handshake} with its response,
 * processes a {@link Delivery} and acknowledges it with 200, and acknowledges a {@link Duplicate}
 * with 200 without processing it again.
 */
public sealed interface WebhookResult {

  /** The platform the request came from. */
  Platform platform();

  /** A verification handshake; send {@code response} back as it is. */
  record Handshake(Platform platform, WebhookResponse response) implements WebhookResult {
    /** Checks the values. */
    public Handshake {
      Checks.required("handshake.platform", platform);
      Checks.required("handshake.response", response);
    }
  }

  /** A signed delivery with the events not seen before (possibly none, for an unknown kind). */
  record Delivery(Platform platform, List<WebhookItem> items) implements WebhookResult {
    /** Checks and copies the values. */
    public Delivery {
      Checks.required("delivery.platform", platform);
      items = Checks.list("delivery.items", items);
    }
  }

  /** A signed delivery whose every event was seen before; acknowledge it and do nothing. */
  record Duplicate(Platform platform, List<String> eventIds) implements WebhookResult {
    /** Checks and copies the values. */
    public Duplicate {
      Checks.required("duplicate.platform", platform);
      eventIds = Checks.list("duplicate.eventIds", eventIds);
    }
  }
}
