package dev.chorus.webhook;

import dev.chorus.model.Checks;

/**
 * What the host's HTTP server sends back, for handshakes that need a specific answer.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type} header value
 * @param body the response body as text
 */
public record WebhookResponse(int status, String contentType, String body) {

  /** Checks the values. */
  public WebhookResponse {
    if (status < 100 || status > 599) {
      throw new dev.chorus.InvalidValueException("webhookResponse.status", status, "must be 100-599");
    }
    Checks.notBlank("webhookResponse.contentType", contentType);
    Checks.required("webhookResponse.body", body);
  }

  /** A 200 response with a plain-text body. */
  public static WebhookResponse text(String body) {
    return new WebhookResponse(200, "text/plain; charset=utf-8", body);
  }

  /** A 200 response with a JSON body. */
  public static WebhookResponse json(String body) {
    return new WebhookResponse(200, "application/json; charset=utf-8", body);
  }
}
