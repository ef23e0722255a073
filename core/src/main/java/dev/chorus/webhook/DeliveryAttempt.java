package dev.chorus.webhook;

import dev.chorus.model.Checks;
import java.time.Duration;
import java.time.Instant;

/**
 * One attempt to deliver an event to a subscription.
 *
 * @param subscriptionId the subscription's id
 * @param eventId the envelope's event id
 * @param deliveryId the {@code X-Chorus-Delivery} id, the same for every attempt of a delivery
 * @param attempt 1 for the first attempt
 * @param at when the attempt started
 * @param status the HTTP status, or {@code null} when no response came (timeout, connection error)
 * @param duration how long the attempt took
 * @param error what went wrong, or {@code null} when delivered
 * @param outcome what happens next
 * @param retryIn the delay before the next attempt, or {@code null} unless retrying
 */
public record DeliveryAttempt(
    String subscriptionId,
    String eventId,
    String deliveryId,
    int attempt,
    Instant at,
    Integer status,
    Duration duration,
    String error,
    Outcome outcome,
    Duration retryIn) {

  /** Checks the values. */
  public DeliveryAttempt {
    Checks.notBlank("deliveryAttempt.subscriptionId", subscriptionId);
    Checks.notBlank("deliveryAttempt.eventId", eventId);
    Checks.notBlank("deliveryAttempt.deliveryId", deliveryId);
    Checks.required("deliveryAttempt.at", at);
    Checks.required("deliveryAttempt.duration", duration);
    Checks.required("deliveryAttempt.outcome", outcome);
  }

  /** What an attempt led to. */
  public enum Outcome {
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** The attempt failed transiently; another follows after {@code retryIn}. */
    RETRYING,
    /** The delivery failed for good: a 4xx other than 429, or the last attempt failed. */
    FAILED
  }
}
