package dev.chorus.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventPublisherTest {

  record Happened(Instant at) implements ChorusEvent {
    @Override
    public Optional<WorkspaceId> workspace() {
      return Optional.empty();
    }
  }

  @Test
  void a_throwing_listener_does_not_stop_the_others() {
    List<String> seen = new ArrayList<>();
    ChorusListener first = event -> seen.add("first");
    ChorusListener broken = event -> {
      throw new IllegalStateException("listener bug");
    };
    ChorusListener last = event -> seen.add("last");
    EventPublisher publisher = new EventPublisher(List.of(first, broken, last));

    publisher.publish(new Happened(Instant.EPOCH));

    assertThat(seen).containsExactly("first", "last");
  }

  @Test
  void none_delivers_nowhere_and_listeners_are_kept_in_order() {
    assertThat(EventPublisher.none().listeners()).isEmpty();
    ChorusListener a = ChorusListener.NONE;
    ChorusListener b = event -> {};
    assertThat(new EventPublisher(List.of(a, b)).listeners()).containsExactly(a, b);
  }
}
