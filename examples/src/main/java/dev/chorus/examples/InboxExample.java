package dev.chorus.examples;

import dev.chorus.Chorus;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.sandbox.SandboxConnectorProvider;
import dev.chorus.connector.sandbox.SandboxOperation;
import dev.chorus.connector.sandbox.SandboxPlatform;
import dev.chorus.inbox.Conversation;
import dev.chorus.inbox.CrisisState;
import dev.chorus.inbox.HoldingStatement;
import dev.chorus.inbox.Inbox;
import dev.chorus.inbox.InboxItem;
import dev.chorus.inbox.InboxRule;
import dev.chorus.inbox.Priority;
import dev.chorus.inbox.ReplyAttempt;
import dev.chorus.inbox.SavedReply;
import dev.chorus.inbox.SlaFigures;
import dev.chorus.inbox.SlaReport;
import dev.chorus.inbox.SyncResult;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.InteractionKind;
import dev.chorus.model.Permission;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostTarget;
import dev.chorus.model.Role;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.TargetState;
import dev.chorus.model.Workspace;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.workflow.Session;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The unified inbox, end to end and in memory: two accounts on one sandbox platform receive a
 * handful of mentions and comments (one angry, one a question); a keyword rule tags and
 * prioritises the angry one as it arrives; a sync threads everything into conversations; one is
 * assigned to an agent, who answers it with a saved reply (sent exactly once, even when the send is
 * repeated); the SLA report shows first-response times and the response rate; and crisis mode holds
 * a scheduled post until it is lifted, after which the post goes out once.
 *
 * <p>Everything runs on a {@link SimulatedClock}, so the whole story takes a few seconds. Run it with
 * {@code mvn -B -q -pl examples -am compile exec:java -Dchorus.exec.mainClass=dev.chorus.examples.InboxExample}.
 */
public final class InboxExample {

  static final Instant START = Instant.parse("2026-03-03T08:00:00Z");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private InboxExample() {}

  /** Runs the example, printing to standard output. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the example, printing to {@code out}. */
  public static void run(PrintStream out) {
    // Every component reads this clock; the example moves it by hand instead of sleeping.
    SimulatedClock clock = new SimulatedClock(START);

    // One simulated social network shared by both accounts. We arrange exactly what arrives in
    // their inboxes, so generated comments are switched off.
    SandboxPlatform sandbox = SandboxPlatform.builder(clock).seed(9).build();
    sandbox.simulateInteractions(false);

    Chorus.Builder builder = Chorus.builder()
        .clock(clock)
        .connectors(ConnectorRegistry.builder().register(new SandboxConnectorProvider()).build())
        .connectorContext(ConnectorContext.builder(clock).extension(SandboxPlatform.class, sandbox).build())
        .connectorConfig(Platform.SANDBOX, Map.of(SandboxConnectorProvider.API_KEY, "inbox-example-key"));
    try (Chorus chorus = builder.build()) {
      // 1. A workspace, its owner and a support agent who may read and answer the inbox.
      ActorId owner = ActorId.of("olivia");
      ActorId agent = ActorId.of("sam");
      Workspace workspace = chorus.createWorkspace("Acme Coffee", BERLIN, ApprovalPolicy.none(), owner);
      Session admin = chorus.session(owner, workspace.id());
      admin.members().grant(agent, Role.custom("AGENT",
          EnumSet.of(Permission.CONTENT_READ, Permission.INBOX_READ, Permission.INBOX_REPLY)));
      out.println("== Workspace " + workspace.name() + ", agent " + agent);

      // 2. Two accounts on the same sandbox platform.
      SocialAccount coffee = admin.accounts().connect(new SocialAccount(AccountId.of("acme-coffee"),
          workspace.id(), Platform.SANDBOX, "@acmecoffee", "acmecoffee", BERLIN, CredentialsRef.of("env:SANDBOX")));
      SocialAccount bakery = admin.accounts().connect(new SocialAccount(AccountId.of("acme-bakery"),
          workspace.id(), Platform.SANDBOX, "@acmebakery", "acmebakery", BERLIN, CredentialsRef.of("env:SANDBOX")));
      out.println("Accounts: " + coffee.handle() + ", " + bakery.handle() + " on " + Platform.SANDBOX.id());

      // 3. A triage rule: any message with the word "refund" is tagged and made urgent as it arrives.
      //    Rules apply to messages arriving after they are saved, so save it before the first sync.
      Inbox inbox = admin.inbox();
      inbox.saveRule(new InboxRule("refunds", InboxRule.Match.KEYWORD, "refund", Set.of("billing"), null,
          Priority.URGENT, false));

      // 4. What people wrote in the last few minutes (platform time), across both accounts:
      //    an angry mention, a question and a happy comment.
      sandbox.arrangeInteraction("acmecoffee", InteractionKind.MENTION, null,
          "@acmecoffee my order was wrong and the latte was terrible. I want a refund!", START.minusSeconds(300));
      sandbox.arrangeInteraction("acmebakery", InteractionKind.MENTION, null,
          "@acmebakery are you open on Sunday mornings?", START.minusSeconds(240));
      sandbox.arrangeInteraction("acmebakery", InteractionKind.COMMENT, null,
          "Love the new sourdough, thanks!", START.minusSeconds(120));

      // 5. Sync: poll every account from its cursor. Each mention and top-level comment opens its
      //    own conversation; sentiment is classified and the rule applied on the way in.
      clock.advance(Duration.ofMinutes(1));
      out.println();
      out.println("== Sync");
      for (SyncResult result : inbox.sync()) {
        out.println("  " + result.accountId() + ": " + result.added() + " new, " + result.duplicates() + " duplicates");
      }
      List<Conversation> conversations = inbox.conversations();
      out.println(conversations.size() + " conversations:");
      for (Conversation c : conversations) {
        out.printf(Locale.ROOT, "  %-12s %-8s %-8s %-7s %-9s %s%n", c.accountId(), c.kind(), c.sentiment(),
            c.priority(), c.tags(), firstText(inbox, c));
      }

      // 6. Triage: the urgent conversation goes to the agent.
      Conversation angry = conversations.stream().filter(c -> c.priority() == Priority.URGENT).findFirst()
          .orElseThrow(() -> new IllegalStateException("the refund rule did not fire"));
      Inbox sam = chorus.session(agent, workspace.id()).inbox();
      Conversation assigned = inbox.assign(angry.id(), agent);
      out.println();
      out.println("== Triage");
      out.println("Assigned the " + assigned.priority() + " conversation on " + assigned.accountId() + " to "
          + assigned.assignee() + " (" + assigned.status() + ")");

      // 7. A saved reply with variables: {author_handle}, {account_handle} and {agent} are filled by
      //    the inbox, {ticket} by us. (Arranged sandbox messages all come from "@arranged".)
      inbox.saveSavedReply(new SavedReply("refund",
          "Hi {author_handle}, sorry about your order! This is {agent} from {account_handle}: "
              + "your refund is on its way (ticket {ticket})."));
      clock.advance(Duration.ofMinutes(11));
      ReplyAttempt sent = sam.replyWithSaved(angry.id(), "draft-1", "refund", Map.of("ticket", "R-1042"));
      // The same send again (a double click, a retried request): same message, same draft id, so
      // the inbox returns the recorded reply instead of calling the platform a second time.
      ReplyAttempt again = sam.replyWithSaved(angry.id(), "draft-1", "refund", Map.of("ticket", "R-1042"));
      out.println("Reply " + sent.state() + ": " + sent.text());
      out.println("Sent twice with the same draft, same reply: " + sent.idempotencyKey().equals(again.idempotencyKey()));
      out.println("Replies the sandbox received: " + sandbox.requestCount(SandboxOperation.REPLY));
      out.println("Conversation is now " + sam.conversation(angry.id()).status());

      // 8. The owner answers the question a little later; the happy comment stays unanswered.
      Conversation question = conversations.stream().filter(c -> firstText(inbox, c).contains("Sunday"))
          .findFirst().orElseThrow();
      clock.advance(Duration.ofMinutes(30));
      inbox.reply(question.id(), "draft-2", "Yes, from 9 to 13 every Sunday!");

      // 9. Response SLAs: first response measured from the customer's message (platform time) to
      //    the first reply, here counting every hour (BusinessHours can restrict it to office hours).
      SlaReport sla = inbox.sla(START.minus(Duration.ofDays(1)), clock.instant().plusSeconds(1));
      out.println();
      out.println("== SLA");
      out.println("  overall      " + figures(sla.overall()));
      for (Map.Entry<AccountId, SlaFigures> e : sla.perAccountSorted().entrySet()) {
        out.printf(Locale.ROOT, "  %-12s %s%n", e.getKey(), figures(e.getValue()));
      }

      // 10. Crisis mode. A post is scheduled for an hour from now; then something goes wrong and
      //     the workspace enters crisis mode, which pauses its scheduled posts and surfaces the
      //     pre-approved holding statements.
      Post draft = admin.posts().createDraft(PostContent.text("Happy hour: two lattes for one!"), coffee.id());
      admin.posts().submit(draft.id(), null);
      Instant due = clock.instant().plus(Duration.ofHours(1));
      admin.posts().schedule(draft.id(), ScheduleIntent.at(due));
      inbox.holdingStatements(List.of(new HoldingStatement("aware",
          "We know some orders went wrong today and are fixing it. Thank you for your patience.")));
      CrisisState crisis = inbox.enterCrisis("complaints about wrong orders");
      out.println();
      out.println("== Crisis");
      out.println("Crisis mode entered: " + crisis.active() + " (" + crisis.reason() + "), holding statements "
          + inbox.holdingStatements().stream().map(HoldingStatement::name).toList());

      // The due time passes while the crisis lasts: the scheduler runs, but nothing goes out.
      clock.set(due.plus(Duration.ofMinutes(5)));
      chorus.scheduler().runUntilIdle(100);
      out.println("At the due time the post is held: " + state(admin, draft, coffee) + ", published "
          + sandbox.publicationCountByText(draft.content().text()) + " times");

      // Leaving crisis mode resumes the scheduler; the post is still in its window and goes out once.
      boolean left = inbox.leaveCrisis();
      chorus.scheduler().runUntilIdle(100);
      out.println("Crisis mode left: " + left + "; the post is " + state(admin, draft, coffee) + ", published "
          + sandbox.publicationCountByText(draft.content().text()) + " times");
    }
  }

  /** The text of the conversation's first message. */
  private static String firstText(Inbox inbox, Conversation conversation) {
    List<InboxItem> items = inbox.items(conversation.id());
    return items.isEmpty() ? "" : items.get(0).interaction().text();
  }

  private static TargetState state(Session session, Post post, SocialAccount account) {
    return session.posts().get(post.id()).target(account.id()).map(PostTarget::state).orElseThrow();
  }

  private static String figures(SlaFigures f) {
    return String.format(Locale.ROOT, "received %d, responded %d, response rate %.0f%%, first response mean %s, median %s",
        f.received(), f.responded(), f.responseRate() * 100,
        f.mean().map(InboxExample::minutes).orElse("-"), f.median().map(InboxExample::minutes).orElse("-"));
  }

  private static String minutes(Duration d) {
    return d.toMinutes() + "m" + (d.toSecondsPart() == 0 ? "" : " " + d.toSecondsPart() + "s");
  }
}
