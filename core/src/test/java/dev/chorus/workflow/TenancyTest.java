package dev.chorus.workflow;

import static dev.chorus.workflow.Fixture.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chorus.EntityNotFoundException;
import dev.chorus.model.AccountId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.Audience;
import dev.chorus.model.AudienceId;
import dev.chorus.model.Campaign;
import dev.chorus.model.CampaignId;
import dev.chorus.model.Objective;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostId;
import dev.chorus.model.WorkspaceId;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Another workspace's ids behave exactly like ids that never existed. */
class TenancyTest {

  static final WorkspaceId OTHER = WorkspaceId.of("ws-other");

  record Probe(String name, Consumer<Session> withOthersIds, Consumer<Session> withUnknownIds) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Two workspaces in one Chorus; the other one owns a post, an account, a campaign, an audience. */
  static final class Two {
    final Fixture f = new Fixture(ApprovalPolicy.none());
    final Post othersPost;
    final CampaignId othersCampaign = CampaignId.of("camp-other");
    final AudienceId othersAudience = AudienceId.of("aud-other");
    final AccountId othersAccount = AccountId.of("acc-other");

    Two() {
      f.chorus.createWorkspace(Fixture.workspace(OTHER, ApprovalPolicy.none()));
      Session other = f.chorus.session(OWNER, OTHER);
      other.accounts().connect(Fixture.account(OTHER, othersAccount, dev.chorus.model.Platform.X));
      other.audiences().save(new Audience(othersAudience, OTHER, "Fans", null, List.of(), List.of(), null, ZoneId.of("UTC"), null, null));
      other.campaigns().save(Campaign.builder(OTHER, "Secret", Objective.SALES).id(othersCampaign)
          .dates(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1)).build());
      othersPost = other.posts().createDraft(PostContent.text("secret launch"), othersAccount);
    }
  }

  static Stream<Probe> probes() {
    PostId unknownPost = PostId.of("post-never");
    return Stream.of(
        new Probe("get post", s -> s.posts().get(two(s).othersPost.id()), s -> s.posts().get(unknownPost)),
        new Probe("audit post", s -> s.posts().audit(two(s).othersPost.id()), s -> s.posts().audit(unknownPost)),
        new Probe("submit post", s -> s.posts().submit(two(s).othersPost.id(), null), s -> s.posts().submit(unknownPost, null)),
        new Probe("edit post", s -> s.posts().edit(two(s).othersPost.id(), PostContent.text("hacked")), s -> s.posts().edit(unknownPost, PostContent.text("hacked"))),
        new Probe("cancel post", s -> s.posts().cancel(two(s).othersPost.id(), "x"), s -> s.posts().cancel(unknownPost, "x")),
        new Probe("get account", s -> s.accounts().get(two(s).othersAccount), s -> s.accounts().get(AccountId.of("acc-never"))),
        new Probe("disconnect account", s -> s.accounts().disconnect(two(s).othersAccount), s -> s.accounts().disconnect(AccountId.of("acc-never"))),
        new Probe("draft to account", s -> s.posts().createDraft(PostContent.text("x"), two(s).othersAccount), s -> s.posts().createDraft(PostContent.text("x"), AccountId.of("acc-never"))),
        new Probe("get campaign", s -> s.campaigns().get(two(s).othersCampaign), s -> s.campaigns().get(CampaignId.of("camp-never"))),
        new Probe("delete campaign", s -> s.campaigns().delete(two(s).othersCampaign), s -> s.campaigns().delete(CampaignId.of("camp-never"))),
        new Probe("get audience", s -> s.audiences().get(two(s).othersAudience), s -> s.audiences().get(AudienceId.of("aud-never"))),
        new Probe("delete audience", s -> s.audiences().delete(two(s).othersAudience), s -> s.audiences().delete(AudienceId.of("aud-never"))));
  }

  private static final ThreadLocal<Two> CURRENT = new ThreadLocal<>();

  private static Two two(Session ignored) {
    return CURRENT.get();
  }

  /** Replaces the id-specific part of the message so both cases can be compared. */
  private static String shape(Throwable e, String id) {
    return e.getMessage().replace(id, "<id>");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("probes")
  void another_workspaces_id_fails_exactly_like_a_missing_one(Probe probe) {
    Two two = new Two();
    CURRENT.set(two);
    try {
      Session mine = two.f.as(OWNER);
      Throwable others = catchThrowable(() -> probe.withOthersIds().accept(mine));
      Throwable unknown = catchThrowable(() -> probe.withUnknownIds().accept(mine));
      assertThat(others).isExactlyInstanceOf(EntityNotFoundException.class);
      assertThat(unknown).isExactlyInstanceOf(EntityNotFoundException.class);
      EntityNotFoundException a = (EntityNotFoundException) others;
      EntityNotFoundException b = (EntityNotFoundException) unknown;
      assertThat(a.kind()).isEqualTo(b.kind());
      assertThat(a.workspace()).isEqualTo(two.f.workspace.id()).isEqualTo(b.workspace());
      assertThat(shape(a, a.id())).isEqualTo(shape(b, b.id())).doesNotContain("ws-other");
      // Nothing changed over there.
      Session theirs = two.f.chorus.session(OWNER, OTHER);
      assertThat(theirs.posts().get(two.othersPost.id())).isEqualTo(two.othersPost);
      assertThat(theirs.accounts().list()).hasSize(1);
      assertThat(theirs.campaigns().list()).hasSize(1);
      assertThat(theirs.audiences().list()).hasSize(1);
    } finally {
      CURRENT.remove();
    }
  }

  @Test
  void a_stranger_sees_a_workspace_as_missing_exactly_like_an_unknown_one() {
    Two two = new Two();
    Session stranger = two.f.chorus.session(dev.chorus.model.ActorId.of("mallory"), OTHER);
    Session lost = two.f.chorus.session(OWNER, WorkspaceId.of("ws-never"));
    Throwable a = catchThrowable(() -> stranger.posts().list());
    Throwable b = catchThrowable(() -> lost.posts().list());
    assertThat(a).isExactlyInstanceOf(EntityNotFoundException.class);
    assertThat(b).isExactlyInstanceOf(EntityNotFoundException.class);
    assertThat(a.getMessage().replace("ws-other", "<id>")).isEqualTo(b.getMessage().replace("ws-never", "<id>"));
  }

  @Test
  void a_campaign_cannot_point_at_another_workspaces_audience() {
    Two two = new Two();
    Campaign campaign = Campaign.builder(two.f.workspace.id(), "Mine", Objective.TRUST)
        .dates(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1))
        .audiences(java.util.Set.of(two.othersAudience)).build();
    assertThat(catchThrowable(() -> two.f.as(OWNER).campaigns().save(campaign)))
        .isExactlyInstanceOf(EntityNotFoundException.class)
        .hasMessage("audience aud-other not found in workspace ws-acme");
    assertThat(two.f.as(OWNER).campaigns().list()).isEmpty();
  }
}
