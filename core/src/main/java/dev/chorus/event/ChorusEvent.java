package dev.chorus.event;

import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.util.Optional;

/**
 * Something that happened inside Chorus that a host application may want to react to: a lifecycle
 * transition, a publication, a failure, a pause. Each capability defines its own event records
 * implementing this interface; listeners switch on the type they care about and ignore the rest.
 */
public interface ChorusEvent {

  /** When it happened, on the Chorus clock. */
  Instant at();

  /** The workspace it happened in; empty for events that concern the whole instance. */
  Optional<WorkspaceId> workspace();
}
