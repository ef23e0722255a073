package dev.chorus.event;

import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to a fixed list of listeners, isolating them from each other: a listener that
 * throws is logged at WARN and the remaining listeners still receive the event. Immutable and
 * thread-safe.
 */
public final class EventPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

  private final List<ChorusListener> listeners;

  /** A publisher for these listeners, called in the given order. */
  public EventPublisher(List<? extends ChorusListener> listeners) {
    this.listeners = List.copyOf(Objects.requireNonNull(listeners, "listeners"));
  }

  /** A publisher with no listeners. */
  public static EventPublisher none() {
    return new EventPublisher(List.of());
  }

  /** The listeners, in delivery order. */
  public List<ChorusListener> listeners() {
    return listeners;
  }

  /** Delivers the event to every listener; never throws because of a listener. */
  public void publish(ChorusEvent event) {
    Objects.requireNonNull(event, "event");
    for (ChorusListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn(
            "Listener {} failed on {}; the other listeners still receive it",
            listener.getClass().getName(),
            event.getClass().getSimpleName(),
            e);
      }
    }
  }
}
