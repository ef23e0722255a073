package dev.chorus.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentimentTest {

  private final SentimentClassifier lexicon = SentimentClassifier.lexicon();

  @Test
  void theLexiconReadsToneWithNegation() {
    assertThat(lexicon.classify("Love it, thanks!")).isEqualTo(Sentiment.POSITIVE);
    assertThat(lexicon.classify("This is terrible and the app is broken")).isEqualTo(Sentiment.NEGATIVE);
    assertThat(lexicon.classify("not good at all")).isEqualTo(Sentiment.NEGATIVE);
    assertThat(lexicon.classify("It isn't bad")).isEqualTo(Sentiment.POSITIVE);
    assertThat(lexicon.classify("When do you open?")).isEqualTo(Sentiment.NEUTRAL);
    assertThat(lexicon.classify("")).isEqualTo(Sentiment.NEUTRAL);
    assertThat(lexicon.classify("great service but terrible app")).isEqualTo(Sentiment.NEUTRAL);
  }

  @Test
  void aCustomClassifierIsUsedForIncomingItems() {
    InboxFixture.TestClock clock = new InboxFixture.TestClock(java.time.Instant.parse("2026-03-02T09:00:00Z"));
    try (dev.chorus.Chorus chorus = dev.chorus.Chorus.builder().clock(clock)
        .sentimentClassifier(text -> text.contains("!") ? Sentiment.POSITIVE : Sentiment.NEGATIVE).build()) {
      dev.chorus.model.Workspace ws = chorus.createWorkspace("w", java.time.ZoneOffset.UTC,
          dev.chorus.model.ApprovalPolicy.none(), InboxFixture.OWNER);
      chorus.session(InboxFixture.OWNER, ws.id()).accounts().connect(new dev.chorus.model.SocialAccount(
          dev.chorus.model.AccountId.of("a"), ws.id(), dev.chorus.model.Platform.X, "@a", "ext-a",
          java.time.ZoneOffset.UTC, dev.chorus.model.CredentialsRef.of("vault:a")));
      dev.chorus.model.Interaction terrible = new dev.chorus.model.Interaction(dev.chorus.model.Platform.X,
          dev.chorus.model.AccountId.of("a"), "i1", dev.chorus.model.InteractionKind.MENTION, null, null, "u", "@u",
          null, "terrible!", clock.instant(), null);
      assertThat(chorus.inbox().accept(ws.id(), terrible, ItemSource.WEBHOOK)).isTrue();
      assertThat(chorus.inbox().accept(ws.id(), terrible, ItemSource.POLL)).isFalse();
      assertThat(chorus.inbox().store().item(dev.chorus.model.Platform.X, "i1").orElseThrow().sentiment())
          .isEqualTo(Sentiment.POSITIVE);
    }
  }
}
