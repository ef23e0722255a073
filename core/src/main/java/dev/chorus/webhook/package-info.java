/**
 * Webhooks in and out. Inbound: {@link dev.chorus.webhook.WebhookVerifier}s check a platform's
 * handshake and signature on a framework-neutral {@link dev.chorus.webhook.WebhookRequest} and
 * parse the payload into {@link dev.chorus.webhook.WebhookItem}s, with replay protection through
 * {@link dev.chorus.webhook.SeenIds}. Outbound: {@link dev.chorus.webhook.WebhookDispatcher}
 * delivers Chorus events to a host's URL, signed as described by {@link
 * dev.chorus.webhook.ChorusWebhookSignature}. Everything is non-null unless documented otherwise.
 */
package dev.chorus.webhook;
