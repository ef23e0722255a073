package dev.chorus.benchmarks;

import dev.chorus.connector.bluesky.internal.FacetDetector;
import dev.chorus.text.TextEntities;
import dev.chorus.text.XWeightedCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * Throughput of the text rules over a generated, seeded corpus of social posts (issue 10): X's
 * weighted length ({@link XWeightedCounter#v3()}), entity extraction ({@link TextEntities#extract}:
 * URLs, mentions, hashtags, cashtags) and Bluesky facet detection ({@link FacetDetector#detect}).
 * Each post mixes ASCII words, emoji (single, skin-toned, ZWJ families, flags), CJK, URLs with and
 * without a scheme, mentions (X handles and Bluesky domains), hashtags (Latin and CJK) and cashtags.
 * Each operation runs over the whole corpus for the warm-up passes, then for the timed passes; the
 * table gives posts per second, mean time per post and UTF-16 characters per second.
 *
 * <p>Arguments, each {@code name=value}: {@code posts} (2000, corpus size), {@code seed} (10),
 * {@code warmup} (5 passes), {@code passes} (10).
 */
public final class TextBenchmark {

  private static final String[] WORDS = {"launch", "today", "our", "new", "feature", "thanks", "team", "read",
      "more", "about", "the", "release", "notes", "join", "us", "live", "at", "noon", "big", "news", "for",
      "everyone", "who", "asked", "café", "naïve", "déjà", "vu"};
  private static final String[] EMOJI = {"😀", "🎉", "🚀", "❤️", "👍🏽", "👩‍👩‍👧‍👦", "🇩🇪", "🇯🇵", "✨", "🧑🏿‍💻",
      "☕", "1️⃣"};
  private static final String[] CJK = {"今日は新機能を公開しました", "欢迎大家来参加", "새로운 기능", "東京で会いましょう",
      "ありがとう"};
  private static final String[] URLS = {"https://example.com/blog/2026/launch?utm_source=x&utm_medium=social",
      "http://docs.chorus.dev/guide#scheduling", "chorus.dev", "www.example.org/path", "https://t.co/AbCdEf123",
      "https://bsky.app/profile/alice.bsky.social/post/3k2yihcrp6f2c"};
  private static final String[] MENTIONS = {"@alice", "@bob_smith", "@alice.bsky.social", "@team.example.com",
      "@chorus_dev"};
  private static final String[] TAGS = {"#launch", "#SocialMedia", "#日本語", "#2026goals", "#café", "$AAPL",
      "$TSLA"};

  private TextBenchmark() {}

  /** Generates the corpus, runs each operation and prints the table. */
  public static void main(String[] args) {
    Map<String, String> options = Args.parse(args);
    int posts = Args.intOption(options, "posts", 2_000);
    int seed = Args.intOption(options, "seed", 10);
    int warmup = Args.intOption(options, "warmup", 5);
    int passes = Args.intOption(options, "passes", 10);
    System.out.println(Args.machine());
    List<String> corpus = corpus(posts, seed);
    long chars = corpus.stream().mapToLong(String::length).sum();
    System.out.printf(Locale.ROOT, "Corpus: %d posts, seed %d, %d UTF-16 chars (mean %.0f per post)%n%n", posts,
        seed, chars, (double) chars / posts);

    XWeightedCounter x = XWeightedCounter.v3();
    List<Op> ops = List.of(
        new Op("X weighted length (v3 measure)", t -> x.measure(t).weightedLength()),
        new Op("X entity extraction (TextEntities.extract)", t -> TextEntities.extract(t).size()),
        new Op("Bluesky facet detection (FacetDetector.detect)", t -> FacetDetector.detect(t).size()));
    System.out.println("| operation | posts/s | µs/post | M chars/s | checksum |");
    System.out.println("| --- | ---: | ---: | ---: | ---: |");
    for (Op op : ops) {
      run(op, corpus, warmup);
      long start = System.nanoTime();
      long checksum = run(op, corpus, passes);
      double seconds = (System.nanoTime() - start) / 1e9;
      double perSecond = (double) posts * passes / seconds;
      System.out.printf(Locale.ROOT, "| %s | %,.0f | %.2f | %.1f | %d |%n", op.name(), perSecond, 1e6 / perSecond,
          chars * passes / seconds / 1e6, checksum / passes);
    }
    System.out.printf(Locale.ROOT, "%nLoad at the end: %s%n", Args.load());
  }

  private record Op(String name, ToIntFunction<String> work) {}

  /** The sum of the results, so the JIT cannot drop the work; the same every pass. */
  private static long run(Op op, List<String> corpus, int passes) {
    long sum = 0;
    for (int p = 0; p < passes; p++) {
      for (String text : corpus) {
        sum += op.work().applyAsInt(text);
      }
    }
    return sum;
  }

  /** Posts of 3 to 40 pieces, joined by spaces; about one piece in five is an entity. */
  static List<String> corpus(int posts, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> corpus = new ArrayList<>(posts);
    for (int i = 0; i < posts; i++) {
      int pieces = 3 + random.nextInt(38);
      StringBuilder text = new StringBuilder();
      for (int j = 0; j < pieces; j++) {
        if (j > 0) {
          text.append(' ');
        }
        int roll = random.nextInt(100);
        String[] pool = roll < 60 ? WORDS : roll < 70 ? EMOJI : roll < 78 ? CJK : roll < 85 ? URLS
            : roll < 92 ? MENTIONS : TAGS;
        text.append(pool[random.nextInt(pool.length)]);
      }
      corpus.add(text.toString());
    }
    return corpus;
  }
}
