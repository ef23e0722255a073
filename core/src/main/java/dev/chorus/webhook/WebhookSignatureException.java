package dev.chorus.webhook;

import dev.chorus.model.Platform;
import java.util.Objects;

/**
 * The signature (or verification token) of a webhook request is missing, malformed or does not
 * match. Names the platform and the header or parameter; never the secret or the expected value.
 */
public class WebhookSignatureException extends WebhookException {

  private final String header;

  /**
   * @param header the header or query parameter that carries the signature
   * @param reason what is wrong, for example "missing" or "does not match"
   */
  public WebhookSignatureException(Platform platform, String header, String reason) {
    super(platform, "signature in " + Objects.requireNonNull(header, "header") + " " + reason);
    this.header = header;
  }

  /** The header or query parameter that carries the signature. */
  public String header() {
    return header;
  }
}
