package dev.chorus.webhook;

import dev.chorus.model.Platform;

/**
 * A webhook request is authentic but cannot be understood: a method the platform never uses, a
 * handshake without its challenge, or a body that is not the documented JSON.
 */
public class WebhookPayloadException extends WebhookException {

  /** An exception naming what is wrong with the request. */
  public WebhookPayloadException(Platform platform, String message) {
    super(platform, message);
  }
}
