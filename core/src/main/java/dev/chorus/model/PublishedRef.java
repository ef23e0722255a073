package dev.chorus.model;

import java.net.URI;
import java.time.Instant;

/**
 * Where a target ended up on its platform once published.
 *
 * @param externalId the platform's id of the post (opaque)
 * @param url a link to it, or {@code null} when the platform gives none
 */
public record PublishedRef(String externalId, URI url, Instant publishedAt) {

  public PublishedRef {
    Checks.notBlank("published.externalId", externalId);
    Checks.required("published.publishedAt", publishedAt);
  }
}
