package dev.chorus.benchmarks;

import dev.chorus.Chorus;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.sandbox.SandboxConnectorProvider;
import dev.chorus.connector.sandbox.SandboxPlatform;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.Workspace;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.workflow.Session;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Heap retained per scheduled target (issue 10): N posts, each with one target, drafted, submitted
 * and scheduled at an instant through the public API ({@code session.posts()}), so both the content
 * store and the dispatch store hold them. The live heap is read from a class histogram taken after a
 * full GC (the {@code GC.class_histogram} diagnostic command, the same as {@code jcmd}) once the
 * workspaces and accounts exist and again after the N targets; the difference, less the bytes of
 * the post texts' character arrays, divided by N is the overhead per target.
 *
 * <p>The targets are spread over workspaces of {@code perWorkspace} posts, one account each,
 * because planning a target reads every post of its workspace (spacing and quota): one workspace of
 * a million posts would take hours to fill, not because of memory. The workspaces and accounts are
 * in the baseline, so they are not counted per target.
 *
 * <p>Arguments, each {@code name=value}: {@code n} (1000000), {@code perWorkspace} (100),
 * {@code textLength} (100, ASCII characters per post text), {@code top} (15, classes listed).
 */
public final class MemoryBenchmark {

  private MemoryBenchmark() {}

  /** Fills the stores, measures and prints the table. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = Args.parse(args);
    int n = Args.intOption(options, "n", 1_000_000);
    int perWorkspace = Args.intOption(options, "perWorkspace", 100);
    int textLength = Args.intOption(options, "textLength", 100);
    int top = Args.intOption(options, "top", 15);
    System.out.println(Args.machine());
    System.out.printf(Locale.ROOT, "JVM flags: %s%n", ManagementFactory.getRuntimeMXBean().getInputArguments());

    Clock clock = Clock.systemUTC();
    SandboxPlatform platform = SandboxPlatform.builder(clock).build();
    ConnectorContext context = ConnectorContext.builder(clock).extension(SandboxPlatform.class, platform).build();
    Chorus chorus = Chorus.builder()
        .clock(clock)
        .connector(ConnectorRegistry.create(new SandboxConnectorProvider(), context,
            Map.of(SandboxConnectorProvider.API_KEY, "bench-key")))
        .build();
    ActorId owner = ActorId.of("owner");
    int workspaces = (n + perWorkspace - 1) / perWorkspace;
    List<Session> sessions = new ArrayList<>(workspaces);
    List<AccountId> accounts = new ArrayList<>(workspaces);
    for (int w = 0; w < workspaces; w++) {
      Workspace ws = chorus.createWorkspace("ws-" + w, ZoneOffset.UTC, ApprovalPolicy.none(), owner);
      Session session = chorus.session(owner, ws.id());
      AccountId account = AccountId.of("acc-" + w);
      session.accounts().connect(new SocialAccount(account, ws.id(), Platform.SANDBOX, "@bench" + w, "bench-" + w,
          ZoneOffset.UTC, CredentialsRef.of("cred-" + w)));
      sessions.add(session);
      accounts.add(account);
    }
    Histogram before = Histogram.take();
    System.out.printf(Locale.ROOT, "Baseline (%d workspaces and accounts, no post): %,d bytes live%n",
        workspaces, before.totalBytes());

    // Texts are distinct and random (no sharing through interning), due one minute apart from a day ahead.
    SplittableRandom random = new SplittableRandom(42);
    Instant first = clock.instant().plus(Duration.ofDays(1));
    long textBytes = 0;
    long started = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Session session = sessions.get(i / perWorkspace);
      String text = text(random, i, textLength);
      textBytes += byteArrayBytes(text);
      Post post = session.posts().createDraft(PostContent.text(text), accounts.get(i / perWorkspace));
      session.posts().submit(post.id(), null);
      session.posts().schedule(post.id(), ScheduleIntent.at(first.plus(Duration.ofMinutes(i % perWorkspace))));
      if ((i + 1) % 100_000 == 0) {
        System.out.printf(Locale.ROOT, "  %,d scheduled, %d s%n", i + 1, (System.nanoTime() - started) / 1_000_000_000L);
      }
    }
    Histogram after = Histogram.take();
    Reference.reachabilityFence(chorus);
    Reference.reachabilityFence(sessions);

    long grown = after.totalBytes() - before.totalBytes();
    System.out.printf(Locale.ROOT, "%nN = %,d scheduled targets in %d workspaces; text %d ASCII chars each%n", n,
        workspaces, textLength);
    System.out.printf(Locale.ROOT, "| measure | bytes | per target |%n| --- | ---: | ---: |%n");
    System.out.printf(Locale.ROOT, "| live heap growth | %,d | %.1f |%n", grown, (double) grown / n);
    System.out.printf(Locale.ROOT, "| text byte[] (subtracted) | %,d | %.1f |%n", textBytes, (double) textBytes / n);
    System.out.printf(Locale.ROOT, "| **overhead beyond text** | %,d | **%.1f** |%n", grown - textBytes,
        (double) (grown - textBytes) / n);
    System.out.printf(Locale.ROOT, "%nTop classes by growth (per target: instances, bytes):%n");
    System.out.printf(Locale.ROOT, "| class | instances | bytes |%n| --- | ---: | ---: |%n");
    List<Histogram.Delta> deltas = after.minus(before);
    for (Histogram.Delta d : deltas.subList(0, Math.min(top, deltas.size()))) {
      System.out.printf(Locale.ROOT, "| `%s` | %.2f | %.1f |%n", d.className(), (double) d.instances() / n,
          (double) d.bytes() / n);
    }
    chorus.close();
  }

  /** Bytes of a compact (Latin-1) string's backing array: 16-byte header plus one byte a char, 8-aligned. */
  private static long byteArrayBytes(String ascii) {
    return (16L + ascii.length() + 7) & ~7L;
  }

  private static String text(SplittableRandom random, int i, int length) {
    StringBuilder text = new StringBuilder(length).append("Post ").append(i).append(' ');
    while (text.length() < length) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    text.setLength(length);
    return text.toString();
  }

  /** The live-object class histogram of this JVM, after a full GC. */
  record Histogram(Map<String, long[]> classes) {

    static Histogram take() throws Exception {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
      // Without -all the histogram counts only live objects, which forces a full GC first.
      String text = (String) server.invoke(name, "gcClassHistogram", new Object[] {new String[0]},
          new String[] {String[].class.getName()});
      Map<String, long[]> classes = new HashMap<>();
      for (String line : text.split("\n")) {
        String[] parts = line.trim().split("\\s+");
        // "  1:   123   4567  java.lang.String (java.base@17)"
        if (parts.length >= 4 && parts[0].endsWith(":")) {
          classes.put(parts[3], new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
        }
      }
      return new Histogram(classes);
    }

    long totalBytes() {
      return classes.values().stream().mapToLong(c -> c[1]).sum();
    }

    List<Delta> minus(Histogram base) {
      List<Delta> deltas = new ArrayList<>();
      for (Map.Entry<String, long[]> e : classes.entrySet()) {
        long[] was = base.classes.getOrDefault(e.getKey(), new long[2]);
        deltas.add(new Delta(e.getKey(), e.getValue()[0] - was[0], e.getValue()[1] - was[1]));
      }
      deltas.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
      return deltas;
    }

    record Delta(String className, long instances, long bytes) {}
  }
}
