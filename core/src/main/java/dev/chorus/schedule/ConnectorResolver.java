package dev.chorus.schedule;

import dev.chorus.connector.Connector;
import dev.chorus.connector.PublishRequest;
import dev.chorus.model.Checks;
import java.util.Optional;

/**
 * Finds what to publish for a claimed dispatch: the connector of the account's platform and the
 * request with the current content. Implemented by the host (the workflow); called on a worker
 * thread after the claim, so an edit made before the claim is what goes out.
 */
@FunctionalInterface
public interface ConnectorResolver {

  /**
   * The connector and request for the dispatch, or empty when its target no longer exists (the
   * dispatch is then cancelled). The request must carry {@link DispatchRecord#idempotencyKey()};
   * its checkpoint is replaced with the durable one.
   */
  Optional<Resolved> resolve(DispatchRecord dispatch);

  /** A connector and the request to give it. */
  record Resolved(Connector connector, PublishRequest request) {
    public Resolved {
      Checks.required("resolved.connector", connector);
      Checks.required("resolved.request", request);
    }
  }
}
