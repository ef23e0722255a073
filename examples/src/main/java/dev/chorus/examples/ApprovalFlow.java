package dev.chorus.examples;

import dev.chorus.Chorus;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.ApprovalStep;
import dev.chorus.model.AuditEntry;
import dev.chorus.model.Campaign;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.KpiTarget;
import dev.chorus.model.Objective;
import dev.chorus.model.Permission;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostFormat;
import dev.chorus.model.PostTarget;
import dev.chorus.model.PostVariant;
import dev.chorus.model.Role;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.Workspace;
import dev.chorus.workflow.Session;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;

/**
 * The approval-flow example: a workspace with a two-step approval policy (internal review, then the
 * client), members with roles, two accounts, a campaign with a KPI target and a post that is
 * submitted, approved once, rejected by the client, edited, resubmitted, approved by both and
 * scheduled; then its audit trail is printed. Everything runs in memory.
 */
public final class ApprovalFlow {

  private ApprovalFlow() {}

  /** Runs the example on the system clock, printing to standard output. */
  public static void main(String[] args) {
    run(System.out, Clock.systemUTC());
  }

  /** Runs the example on the clock, printing to {@code out}. */
  public static void run(PrintStream out, Clock clock) {
    ActorId owner = ActorId.of("olivia");
    ActorId creator = ActorId.of("carl");
    ActorId reviewer = ActorId.of("ann");
    ActorId client = ActorId.of("cleo");
    Role clientRole = Role.custom("CLIENT", EnumSet.of(Permission.CONTENT_READ, Permission.POST_APPROVE));

    try (Chorus chorus = Chorus.builder().clock(clock).build()) {
      // 1. A workspace for the client, approved first internally, then by the client.
      ApprovalPolicy policy =
          ApprovalPolicy.steps(
              ApprovalStep.byRole("internal review", "APPROVER"), ApprovalStep.byRole("client", "CLIENT"));
      Workspace workspace =
          chorus.createWorkspace("Acme Coffee", ZoneId.of("Europe/Berlin"), policy, owner);
      Session admin = chorus.session(owner, workspace.id());
      admin.members().grant(creator, Role.CREATOR);
      admin.members().grant(reviewer, Role.APPROVER);
      admin.members().grant(client, clientRole);

      // 2. Two accounts (model objects only; no platform is called here).
      AccountId x = AccountId.of("acme-x");
      AccountId linkedin = AccountId.of("acme-linkedin");
      admin.accounts().connect(new SocialAccount(
          x, workspace.id(), Platform.X, "@acmecoffee", "1234567", ZoneId.of("Europe/Berlin"), CredentialsRef.of("vault:acme-x")));
      admin.accounts().connect(new SocialAccount(
          linkedin, workspace.id(), Platform.LINKEDIN, "acme-coffee", "urn:li:organization:42", ZoneId.of("Europe/Berlin"),
          CredentialsRef.of("vault:acme-linkedin")));

      // 3. A campaign with a KPI target.
      LocalDate today = LocalDate.now(clock.withZone(workspace.timeZone()));
      Campaign campaign = admin.campaigns().save(
          Campaign.builder(workspace.id(), "Spring menu", Objective.ENGAGEMENT)
              .dates(today, today.plusDays(30))
              .kpiTargets(List.of(KpiTarget.of("engagement_rate", "0.045")))
              .build());

      // 4. The creator drafts a post with a LinkedIn-specific variant.
      Session carl = chorus.session(creator, workspace.id());
      Post post = carl.posts().createDraft(
          PostContent.text("Our spring menu is here: cherry blossom latte and more."),
          List.of(PostTarget.draft(x), PostTarget.draft(linkedin, PostVariant.of(PostFormat.FEED))),
          campaign.id());

      // 5. Review: internal approval, the client rejects, the creator edits, both approve.
      Session ann = chorus.session(reviewer, workspace.id());
      Session cleo = chorus.session(client, workspace.id());
      carl.posts().submit(post.id(), "first draft of the spring post");
      ann.posts().approve(post.id(), "on brand");
      cleo.posts().reject(post.id(), "please mention the oat milk option");
      carl.posts().edit(post.id(), PostContent.text("Our spring menu is here: cherry blossom latte, now with oat milk."));
      carl.posts().submit(post.id(), "oat milk added");
      ann.posts().approve(post.id(), null);
      cleo.posts().approve(post.id(), "good to go");
      Post scheduled = admin.posts().schedule(post.id());

      // 6. Print what happened.
      out.println("Workspace " + workspace.name() + " (" + workspace.id() + "), campaign " + campaign.name()
          + " targeting engagement_rate 4.5%");
      out.println("Post " + scheduled.id() + " version " + scheduled.version() + ": " + scheduled.content().text());
      for (PostTarget target : scheduled.targets()) {
        out.println("  " + target.accountId() + " is " + target.state());
      }
      out.println("Audit trail:");
      DateTimeFormatter time = DateTimeFormatter.ISO_INSTANT;
      for (AuditEntry entry : admin.posts().audit(post.id())) {
        out.printf(
            "  %s  %-14s %-6s %-9s -> %-9s %s%n",
            time.format(entry.at()), entry.accountId(), entry.actor(), entry.from(), entry.to(),
            entry.reason() == null ? "" : entry.reason());
      }
    }
  }
}
