package dev.chorus.event;

/**
 * Receives {@link ChorusEvent}s. Called on the thread that caused the event, after the change is
 * stored, so a listener must be quick and must not block; a listener that throws is logged and the
 * other listeners still run.
 */
@FunctionalInterface
public interface ChorusListener {

  /** A listener that ignores every event. */
  ChorusListener NONE = event -> {};

  /** Called once per event. */
  void onEvent(ChorusEvent event);
}
