package dev.chorus.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Platform;
import dev.chorus.model.PostFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WhatWorksTest {

  // ---- the rank test, against values worked by hand

  @Test
  void mann_whitney_matches_a_hand_computed_example_without_ties() {
    // a ranks 3,5,8,9 in the pooled order: R = 25, U = 25 - 4*5/2 = 15; mean U = 10;
    // variance = 4*5/12 * 10 = 16.667; z = (15 - 10 - 0.5) / 4.0825 = 1.10227; p = 2(1 - Phi(z)) = 0.27034
    RankTest.Result r = RankTest.mannWhitney(new double[] {3, 5, 8, 9}, new double[] {1, 2, 4, 6, 7});
    assertThat(r.u()).isEqualTo(15.0);
    assertThat(r.z()).isCloseTo(1.1022703842524302, within(1e-12));
    assertThat(r.pValue()).isCloseTo(0.2703441406547801, within(1e-9));
  }

  @Test
  void mann_whitney_corrects_for_ties() {
    // pooled ranks: .05 x3 share rank 5, .07 x3 share rank 8; R(a) = 5+8+8+10+11 = 42, U = 27;
    // tie term 2*(27-3) = 48; variance = 30/12 * (12 - 48/110) = 28.909; z = 11.5 / 5.3767 = 2.13885
    RankTest.Result r = RankTest.mannWhitney(new double[] {0.05, 0.07, 0.07, 0.09, 0.12},
        new double[] {0.03, 0.05, 0.04, 0.07, 0.02, 0.05});
    assertThat(r.u()).isEqualTo(27.0);
    assertThat(r.z()).isCloseTo(2.138851452203073, within(1e-12));
    assertThat(r.pValue()).isCloseTo(0.032447700902275375, within(1e-9));
    // every value tied: no evidence at all
    assertThat(RankTest.mannWhitney(new double[] {1, 1}, new double[] {1, 1, 1}).pValue()).isEqualTo(1.0);
    assertThatThrownBy(() -> RankTest.mannWhitney(new double[] {}, new double[] {1}))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("a");
  }

  // ---- findings

  private static List<PostOutcome> sample() {
    List<PostOutcome> posts = new ArrayList<>();
    int id = 0;
    for (int v = 50; v <= 72; v += 2) { // 12 carousels, mean 61, all tagged recipes
      posts.add(new PostOutcome("p" + id++, Platform.INSTAGRAM, PostFormat.CAROUSEL, Set.of("recipes"), 120, 9, v));
    }
    for (int v = 30; v <= 58; v += 2) { // 15 feed posts, mean 44: the baseline (most posts)
      posts.add(new PostOutcome("p" + id++, Platform.INSTAGRAM, PostFormat.FEED, Set.of(), 40, 18, v));
    }
    for (int v = 20; v <= 38; v += 2) { // 10 reels, mean 29
      posts.add(new PostOutcome("p" + id++, Platform.INSTAGRAM, PostFormat.REEL, Set.of(), 40, 18, v));
    }
    for (int v = 0; v < 3; v++) { // 3 stories: below the minimum sample
      posts.add(new PostOutcome("p" + id++, Platform.INSTAGRAM, PostFormat.STORY, Set.of(), 0, 9, 500));
    }
    for (int i = 0; i < 10; i++) { // LinkedIn: documents 10..28 (mean 19), feed 11..29 (mean 20)
      posts.add(new PostOutcome("p" + id++, Platform.LINKEDIN, PostFormat.DOCUMENT, Set.of(), 300, 8, 10 + 2 * i));
      posts.add(new PostOutcome("p" + id++, Platform.LINKEDIN, PostFormat.FEED, Set.of(), 300, 8, 11 + 2 * i));
    }
    return posts;
  }

  @Test
  void formats_are_ranked_by_effect_against_the_most_common_format_with_plain_sentences() {
    List<Finding> formats = WhatWorks.defaults().analyse(sample(), WhatWorks.Dimension.FORMAT);
    assertThat(formats).extracting(Finding::group).containsExactly("carousels", "reels", "feed posts");

    Finding carousels = formats.get(0);
    assertThat(carousels.baseline()).isEqualTo("feed posts");
    assertThat(carousels.n()).isEqualTo(12);
    assertThat(carousels.baselineN()).isEqualTo(15);
    assertThat(carousels.effect()).isCloseTo(61.0 / 44 - 1, within(1e-12)); // 38.6 %
    assertThat(carousels.pValue()).isCloseTo(0.00016985509429440912, within(1e-9));
    assertThat(carousels.recommendation())
        .isEqualTo("Carousels beat feed posts by 39% on instagram over 27 posts; keep them (confidence >99%).");

    Finding reels = formats.get(1);
    assertThat(reels.effect()).isCloseTo(29.0 / 44 - 1, within(1e-12));
    assertThat(reels.pValue()).isCloseTo(0.0005764643245519616, within(1e-9));
    assertThat(reels.recommendation())
        .isEqualTo("Reels trail feed posts by 34% on instagram over 25 posts; use them less (confidence >99%).");

    // LinkedIn: 10 and 10, so the baseline is the first by name; the gap is noise.
    Finding linkedIn = formats.get(2);
    assertThat(linkedIn.platform()).isEqualTo(Platform.LINKEDIN);
    assertThat(linkedIn.baseline()).isEqualTo("documents");
    assertThat(linkedIn.pValue()).isCloseTo(0.7337299956962473, within(1e-9));
    assertThat(linkedIn.recommendation()).isEqualTo("Feed posts and documents differ by 5% on linkedin over 20 posts;"
        + " that may be chance, keep testing (confidence 26%).");
  }

  @Test
  void a_tag_is_compared_with_the_posts_without_it() {
    List<Finding> tags = WhatWorks.defaults().analyse(sample(), WhatWorks.Dimension.TAG);
    assertThat(tags).hasSize(1);
    Finding recipes = tags.get(0);
    assertThat(recipes.group()).isEqualTo("posts tagged recipes");
    assertThat(recipes.baseline()).isEqualTo("posts without recipes");
    assertThat(recipes.baselineN()).isEqualTo(28); // feed, reels and the 3 stories
  }

  @Test
  void text_lengths_and_hours_are_bucketed_and_small_groups_are_left_out() {
    WhatWorks analysis = WhatWorks.defaults().withMinSample(12);
    List<Finding> lengths = analysis.analyse(sample(), WhatWorks.Dimension.TEXT_LENGTH);
    // instagram: 25 texts of 0-79 (baseline), 12 of 80-159; linkedin: all 20 in one bucket (no comparison)
    assertThat(lengths).extracting(Finding::group, Finding::baseline, Finding::n)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("texts of 80-159 characters", "texts of 0-79 characters", 12));
    List<Finding> hours = analysis.analyse(sample(), WhatWorks.Dimension.HOUR);
    assertThat(hours).extracting(Finding::group).containsExactly("posts at 09:00"); // 15 at 09:00 vs 25 at 18:00
    assertThat(analysis.withMinSample(16).analyse(sample(), WhatWorks.Dimension.HOUR)).isEmpty();
    assertThatThrownBy(() -> analysis.withMinSample(1)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("minSample");
  }
}
