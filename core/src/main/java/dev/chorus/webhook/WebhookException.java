package dev.chorus.webhook;

import dev.chorus.ChorusException;
import dev.chorus.model.Platform;
import java.util.Objects;

/**
 * A webhook request was refused. A host answers it with a 4xx status and does not process the
 * payload. The message never contains a secret, an expected signature or the request body.
 */
public class WebhookException extends ChorusException {

  private final transient Platform platform;

  /** An exception for the platform with an explanation. */
  public WebhookException(Platform platform, String message) {
    super(Objects.requireNonNull(platform, "platform").id() + " webhook refused: " + message);
    this.platform = platform;
  }

  /** The platform the request claimed to come from. */
  public Platform platform() {
    return platform;
  }
}
