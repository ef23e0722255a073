package dev.chorus.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.InvalidValueException;
import dev.chorus.schedule.PauseScope;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrisisModeTest {

  /** A fresh fixture; subclasses run the same scenarios on another inbox store. */
  InboxFixture fixture() {
    return new InboxFixture(InboxStore.inMemory());
  }

  private static final List<HoldingStatement> STATEMENTS = List.of(
      new HoldingStatement("general", "We are aware of the issue and will update you shortly."),
      new HoldingStatement("outage", "Our service is partly down; we are working on it."));

  @Test
  void anAlertPausesTheWorkspaceAndSurfacesTheHoldingStatements() {
    try (InboxFixture f = fixture()) {
      f.inbox(InboxFixture.OWNER).holdingStatements(STATEMENTS);
      CrisisState state = f.chorus.crisis().enter(InboxFixture.WS, "anomaly:negative-sentiment", "spike of complaints");
      assertThat(state.active()).isTrue();
      assertThat(state.pausedScheduler()).isTrue();
      assertThat(state.since()).isEqualTo(f.clock.instant());
      assertThat(f.chorus.scheduler().dispatchStore().pauses()).containsKey(PauseScope.workspace(InboxFixture.WS));
      assertThat(f.events(CrisisModeEntered.class)).singleElement().satisfies(e -> {
        assertThat(e.holdingStatements()).isEqualTo(STATEMENTS);
        assertThat(e.trigger()).isEqualTo("anomaly:negative-sentiment");
      });
      // Entering again changes nothing.
      assertThat(f.chorus.crisis().enter(InboxFixture.WS, "someone", "again")).isEqualTo(state);
      assertThat(f.events(CrisisModeEntered.class)).hasSize(1);
      assertThat(f.inbox(InboxFixture.AGENT).crisisState()).isEqualTo(state);

      assertThat(f.inbox(InboxFixture.OWNER).leaveCrisis()).isTrue();
      assertThat(f.chorus.scheduler().dispatchStore().pauses()).doesNotContainKey(PauseScope.workspace(InboxFixture.WS));
      assertThat(f.events(CrisisModeLeft.class)).singleElement().satisfies(e -> {
        assertThat(e.resumed()).isTrue();
        assertThat(e.by()).isEqualTo(InboxFixture.OWNER.value());
      });
      assertThat(f.chorus.crisis().active(InboxFixture.WS)).isFalse();
      assertThat(f.inbox(InboxFixture.OWNER).leaveCrisis()).isFalse();
    }
  }

  @Test
  void aPauseThatWasThereBeforeTheCrisisStaysAfterIt() {
    try (InboxFixture f = fixture()) {
      PauseScope scope = PauseScope.workspace(InboxFixture.WS);
      f.chorus.scheduler().pause(scope, "holiday freeze");
      CrisisState state = f.inbox(InboxFixture.OWNER).enterCrisis("outage");
      assertThat(state.trigger()).isEqualTo(InboxFixture.OWNER.value());
      assertThat(state.pausedScheduler()).isFalse();
      f.chorus.crisis().leave(InboxFixture.WS, "ops");
      assertThat(f.chorus.scheduler().dispatchStore().pauses()).containsEntry(scope, "holiday freeze");
      assertThat(f.events(CrisisModeLeft.class)).singleElement().satisfies(e -> assertThat(e.resumed()).isFalse());
    }
  }

  @Test
  void holdingStatementNamesAreUnique() {
    try (InboxFixture f = fixture()) {
      assertThatThrownBy(() -> f.inbox(InboxFixture.OWNER).holdingStatements(
          List.of(new HoldingStatement("a", "one"), new HoldingStatement("a", "two"))))
          .isInstanceOfSatisfying(InvalidValueException.class,
              e -> assertThat(e.field()).isEqualTo("holdingStatements"));
      assertThat(f.inbox(InboxFixture.OWNER).holdingStatements()).isEmpty();
      assertThatThrownBy(() -> f.chorus.crisis().enter(InboxFixture.WS, " ", "x"))
          .isInstanceOf(InvalidValueException.class);
      assertThat(f.chorus.crisis().active(InboxFixture.WS)).isFalse();
      assertThat(f.chorus.scheduler().dispatchStore().pauses()).isEmpty();
    }
  }
}
