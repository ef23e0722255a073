package dev.chorus.webhook;

import dev.chorus.model.Platform;

/**
 * Verifies and parses the webhook requests of one platform. Implementations are immutable and
 * thread-safe; a host routes each request to the verifier of its platform (see {@link
 * WebhookVerifiers}).
 */
public interface WebhookVerifier {

  /** The platform whose requests this verifier accepts. */
  Platform platform();

  /**
   * Answers a handshake or verifies a delivery's signature, drops events already seen and parses
   * the rest. Events are marked as seen only after the signature verified.
   *
   * @throws WebhookSignatureException the signature or verify token is missing or wrong
   * @throws WebhookReplayException the signed timestamp is outside the window
   * @throws WebhookPayloadException the request is authentic but not understood
   */
  WebhookResult verify(WebhookRequest request);
}
