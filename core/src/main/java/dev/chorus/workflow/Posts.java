package dev.chorus.workflow;

import dev.chorus.AccessDeniedException;
import dev.chorus.EntityNotFoundException;
import dev.chorus.IllegalTransitionException;
import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.ApprovalStep;
import dev.chorus.model.AuditEntry;
import dev.chorus.model.CampaignId;
import dev.chorus.model.Checks;
import dev.chorus.model.Permission;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostId;
import dev.chorus.model.PostTarget;
import dev.chorus.model.PostVariant;
import dev.chorus.model.Role;
import dev.chorus.model.TargetState;
import dev.chorus.model.WorkspaceId;
import dev.chorus.schedule.PauseScope;
import dev.chorus.schedule.PlannedTarget;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.schedule.Scheduler;
import dev.chorus.schedule.SchedulingConflictException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/**
 * The posts of a session's workspace and their lifecycle. Post-level operations act on every
 * target they apply to (submit acts on the DRAFT targets, approve on the IN_REVIEW ones, and so on)
 * and either change all of them or none. Each state change is checked against {@link Lifecycle},
 * written to the audit trail and emitted as a {@link TargetTransitioned} after it is stored.
 *
 * <p>Approval rules: each step of the workspace's {@link ApprovalPolicy} is signed off in order by an
 * actor the step admits ({@link ApprovalStep#admits(ActorId, Role)}); one actor may sign off only one
 * step of a review round (four eyes: the internal reviewer cannot also act as the client). Rejecting
 * needs a comment and sends the target back to DRAFT with its approvals reset. Editing the content or
 * a variant of a target that is in review, approved, scheduled, paused, failed or missed invalidates
 * its approval: it returns to DRAFT with an audit entry saying why.
 */
public final class Posts {

  private static final Set<TargetState> UNEDITABLE =
      EnumSet.of(TargetState.PUBLISHING, TargetState.PUBLISHED, TargetState.CANCELLED);

  private final Workflow workflow;
  private final ActorId actor;
  private final WorkspaceId workspace;

  Posts(Workflow workflow, ActorId actor, WorkspaceId workspace) {
    this.workflow = workflow;
    this.actor = actor;
    this.workspace = workspace;
  }

  /** Drafts a post in the feed format for each account (needs POST_CREATE). */
  public Post createDraft(PostContent content, AccountId... accounts) {
    List<PostTarget> targets = new ArrayList<>();
    for (AccountId account : accounts) {
      targets.add(PostTarget.draft(Checks.required("accountId", account)));
    }
    return createDraft(content, targets, null);
  }

  /**
   * Drafts a post with these targets (needs POST_CREATE). Every target must be a fresh draft of an
   * account of this workspace.
   *
   * @param campaign the campaign it belongs to, or {@code null}
   * @throws EntityNotFoundException if an account or the campaign is not in this workspace
   * @throws InvalidValueException if there is no target or a target is not a fresh draft
   */
  public Post createDraft(PostContent content, List<PostTarget> targets, CampaignId campaign) {
    return createDraft(content, targets, campaign, null);
  }

  /**
   * Drafts a post with these targets, tagged with a content pillar (needs POST_CREATE); otherwise
   * as {@link #createDraft(PostContent, List, CampaignId)}.
   *
   * @param campaign the campaign it belongs to, or {@code null}
   * @param pillar the content pillar (educational, promotional, ...), or {@code null}
   * @throws EntityNotFoundException if an account or the campaign is not in this workspace
   * @throws InvalidValueException if there is no target or a target is not a fresh draft
   */
  public Post createDraft(PostContent content, List<PostTarget> targets, CampaignId campaign, String pillar) {
    Checks.required("content", content);
    List<PostTarget> checked = Checks.list("post.targets", targets);
    if (checked.isEmpty()) {
      throw new InvalidValueException("post.targets", checked, "a post needs at least one target");
    }
    workflow.authorize(actor, workspace, Permission.POST_CREATE);
    for (int i = 0; i < checked.size(); i++) {
      PostTarget target = checked.get(i);
      if (target.state() != TargetState.DRAFT
          || target.approvalsGiven() != 0
          || target.published() != null
          || target.failureReason() != null) {
        throw new InvalidValueException("post.targets[" + i + "]", target.state(), "a new post's targets must be fresh drafts");
      }
      if (workflow.store().account(workspace, target.accountId()).isEmpty()) {
        throw new EntityNotFoundException("account", target.accountId(), workspace);
      }
    }
    if (campaign != null && workflow.store().campaign(workspace, campaign).isEmpty()) {
      throw new EntityNotFoundException("campaign", campaign, workspace);
    }
    Post.Builder builder =
        Post.builder(workspace, content).campaign(campaign).pillar(pillar).createdBy(actor).createdAt(workflow.now());
    checked.forEach(builder::target);
    Post post = builder.build();
    workflow.store().insertPost(post);
    return post;
  }

  /**
   * The post (needs CONTENT_READ).
   *
   * @throws EntityNotFoundException if this workspace has no such post
   */
  public Post get(PostId id) {
    Checks.required("postId", id);
    workflow.authorize(actor, workspace, Permission.CONTENT_READ);
    return workflow.post(workspace, id);
  }

  /** Every post of the workspace, ordered by id (needs CONTENT_READ). */
  public List<Post> list() {
    workflow.authorize(actor, workspace, Permission.CONTENT_READ);
    return workflow.store().posts(workspace);
  }

  /**
   * The post's audit trail, oldest first (needs AUDIT_READ).
   *
   * @throws EntityNotFoundException if this workspace has no such post
   */
  public List<AuditEntry> audit(PostId id) {
    Checks.required("postId", id);
    workflow.authorize(actor, workspace, Permission.AUDIT_READ);
    workflow.post(workspace, id);
    return workflow.store().audit(workspace, id);
  }

  /**
   * Sends the DRAFT targets for review, or straight to APPROVED when the workspace needs no approval
   * (needs POST_SUBMIT).
   *
   * @param comment a note for the reviewers, or {@code null}
   * @throws IllegalTransitionException if no target is a draft
   */
  public Post submit(PostId id, String comment) {
    Checks.required("postId", id);
    Workflow.Access access = workflow.authorize(actor, workspace, Permission.POST_SUBMIT);
    boolean review = access.workspace().approvalPolicy().required();
    return workflow.mutate(
        workspace,
        id,
        change -> {
          List<PostTarget> drafts = inState(change, TargetState.DRAFT, review ? TargetState.IN_REVIEW : TargetState.APPROVED);
          for (PostTarget target : drafts) {
            if (review) {
              change.move(target, TargetState.IN_REVIEW, actor, comment == null ? "submitted for review" : comment);
            } else {
              change.move(target, TargetState.APPROVED, actor, "submitted; the workspace needs no approval");
            }
          }
        });
  }

  /**
   * Signs off the current approval step of every IN_REVIEW target; the last step moves it to
   * APPROVED. The actor must be admitted by the step and must not have signed off an earlier step
   * of the same review round.
   *
   * @param comment a note, or {@code null}
   * @throws AccessDeniedException if the step does not admit the actor or it already signed a step
   * @throws IllegalTransitionException if no target is in review
   */
  public Post approve(PostId id, String comment) {
    Checks.required("postId", id);
    Workflow.Access access = workflow.member(actor, workspace);
    ApprovalPolicy policy = access.workspace().approvalPolicy();
    return workflow.mutate(
        workspace,
        id,
        change -> {
          List<PostTarget> inReview = inState(change, TargetState.IN_REVIEW, TargetState.APPROVED);
          List<AuditEntry> trail = workflow.store().audit(workspace, id);
          for (PostTarget target : inReview) {
            int total = Math.max(policy.steps().size(), 1);
            int index = Math.min(target.approvalsGiven(), total - 1);
            String stepName = policy.required() ? policy.steps().get(index).name() : "approval";
            admit(access, policy, index, "approve");
            if (signedThisRound(trail, target.accountId()).contains(actor)) {
              throw new AccessDeniedException(
                  actor, Permission.POST_APPROVE, workspace,
                  "already signed off a step of this review round of post " + id + "; step '" + stepName
                      + "' needs another approver");
            }
            String reason =
                "approved step " + (index + 1) + "/" + total + " '" + stepName + "'"
                    + (comment == null ? "" : ": " + comment);
            ApprovalGiven event =
                new ApprovalGiven(workspace, id, target.accountId(), actor, stepName, index + 1, total, change.now);
            PostTarget counted = target.withApprovalsGiven(index + 1);
            if (index + 1 >= total) {
              change.replace(counted);
              change.events().add(event);
              change.move(counted, TargetState.APPROVED, actor, reason);
            } else {
              change.replace(counted);
              change.note(counted, actor, reason, event);
            }
          }
        });
  }

  /**
   * Rejects every IN_REVIEW target: back to DRAFT with its approvals reset. The actor must be one
   * the current step admits.
   *
   * @param comment why; required
   * @throws InvalidValueException if the comment is blank
   * @throws IllegalTransitionException if no target is in review
   */
  public Post reject(PostId id, String comment) {
    Checks.required("postId", id);
    Checks.notBlank("comment", comment);
    Workflow.Access access = workflow.member(actor, workspace);
    ApprovalPolicy policy = access.workspace().approvalPolicy();
    return workflow.mutate(
        workspace,
        id,
        change -> {
          for (PostTarget target : inState(change, TargetState.IN_REVIEW, TargetState.DRAFT)) {
            int total = Math.max(policy.steps().size(), 1);
            int index = Math.min(target.approvalsGiven(), total - 1);
            admit(access, policy, index, "reject");
            String stepName = policy.required() ? policy.steps().get(index).name() : "approval";
            change.move(target, TargetState.DRAFT, actor, "rejected at step '" + stepName + "': " + comment);
          }
        });
  }

  /**
   * Replaces the shared content (needs POST_CREATE). Targets past DRAFT lose their approval and go
   * back to DRAFT; published and cancelled targets are left as they are.
   *
   * @throws IllegalTransitionException if a target is publishing right now, or no target can change
   */
  public Post edit(PostId id, PostContent content) {
    Checks.required("postId", id);
    Checks.required("content", content);
    workflow.authorize(actor, workspace, Permission.POST_CREATE);
    return workflow.mutate(
        workspace,
        id,
        change -> {
          List<PostTarget> targets = change.current().targets();
          boolean editable = false;
          for (PostTarget target : targets) {
            if (target.state() == TargetState.PUBLISHING) {
              throw new IllegalTransitionException(id, target.accountId(), target.state(), TargetState.DRAFT);
            }
            editable |= !UNEDITABLE.contains(target.state());
          }
          if (!editable) {
            PostTarget first = targets.get(0);
            throw new IllegalTransitionException(id, first.accountId(), first.state(), TargetState.DRAFT);
          }
          if (content.equals(change.current().content())) {
            return;
          }
          change.content(content);
          for (PostTarget target : targets) {
            if (!UNEDITABLE.contains(target.state()) && target.state() != TargetState.DRAFT) {
              change.move(target, TargetState.DRAFT, actor, "content edited; approval invalidated");
            }
          }
        });
  }

  /**
   * Replaces the variant of one target (needs POST_CREATE); a target past DRAFT loses its approval
   * and goes back to DRAFT.
   *
   * @throws InvalidValueException if the account is not a target of the post
   * @throws IllegalTransitionException if that target is publishing, published or cancelled
   */
  public Post editVariant(PostId id, AccountId account, PostVariant variant) {
    Checks.required("postId", id);
    Checks.required("accountId", account);
    Checks.required("variant", variant);
    workflow.authorize(actor, workspace, Permission.POST_CREATE);
    return workflow.mutate(
        workspace,
        id,
        change -> {
          PostTarget target = target(change, account);
          if (UNEDITABLE.contains(target.state())) {
            throw new IllegalTransitionException(id, account, target.state(), TargetState.DRAFT);
          }
          if (variant.equals(target.variant())) {
            return;
          }
          PostTarget edited = target.withVariant(variant);
          change.replace(edited);
          if (target.state() != TargetState.DRAFT) {
            change.move(edited, TargetState.DRAFT, actor, "variant edited; approval invalidated");
          }
        });
  }

  /**
   * Schedules every APPROVED target with its remembered intent (from an import or an earlier
   * schedule), else the next slot of its account's queue, else now (needs POST_SCHEDULE). Targets
   * already scheduled are left alone.
   *
   * @throws IllegalTransitionException if no target is approved or scheduled
   * @throws SchedulingConflictException if a time breaks a rule and the workspace rejects conflicts
   */
  public Post schedule(PostId id) {
    return scheduleTargets(id, null, null);
  }

  /**
   * Plans every APPROVED target with the intent (in its account's zone, keeping the workspace's
   * blackouts, the account's queue and spacing and the platform's publishing quota), moves it to
   * SCHEDULED and hands it to the dispatcher (needs POST_SCHEDULE). All targets or none: a conflict
   * changes nothing. Scheduling a target that is already scheduled is a no-op.
   *
   * @throws IllegalTransitionException if no target is approved or scheduled
   * @throws SchedulingConflictException if a time breaks a rule and the workspace rejects conflicts
   */
  public Post schedule(PostId id, ScheduleIntent intent) {
    Checks.required("intent", intent);
    return scheduleTargets(id, null, intent);
  }

  /**
   * As {@link #schedule(PostId, ScheduleIntent)} for the one target on the account.
   *
   * @throws InvalidValueException if the account is not a target of the post
   */
  public Post schedule(PostId id, AccountId account, ScheduleIntent intent) {
    Checks.required("accountId", account);
    Checks.required("intent", intent);
    return scheduleTargets(id, account, intent);
  }

  /**
   * Moves every SCHEDULED target (or the one on {@code account}) to the time the new intent plans,
   * keeping every rule (needs POST_SCHEDULE). The targets stay SCHEDULED; the dispatcher's record
   * moves, so a claim taken before cannot publish at the old time. All or nothing.
   *
   * @param account the one target to move, or {@code null} for every scheduled target
   * @throws IllegalTransitionException if no such target is scheduled
   * @throws SchedulingConflictException if the new time breaks a rule and the workspace rejects conflicts
   */
  public Post reschedule(PostId id, AccountId account, ScheduleIntent intent) {
    Checks.required("postId", id);
    Checks.required("intent", intent);
    workflow.authorize(actor, workspace, Permission.POST_SCHEDULE);
    Scheduler scheduler = requireScheduler();
    Lock lock = scheduler.planningLock();
    lock.lock();
    try {
      Post post = workflow.post(workspace, id);
      Map<AccountId, ScheduleIntent> wanted = new LinkedHashMap<>();
      for (PostTarget target : post.targets()) {
        if ((account == null || account.equals(target.accountId())) && target.state() == TargetState.SCHEDULED) {
          wanted.put(target.accountId(), intent);
        }
      }
      if (wanted.isEmpty()) {
        PostTarget first = account == null ? post.targets().get(0) : post.target(account).orElseThrow(
            () -> new InvalidValueException("accountId", account, "is not a target of post " + id));
        throw new IllegalTransitionException(id, first.accountId(), first.state(), TargetState.SCHEDULED);
      }
      scheduler.rearm(post, scheduler.plan(post, wanted).values());
      return workflow.post(workspace, id);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Holds back every dispatch of the workspace, or of one account when {@code account} is given,
   * until resumed (needs POST_SCHEDULE). Target states do not change.
   *
   * @param account the account, or {@code null} for the whole workspace
   */
  public void pauseDispatch(AccountId account, String reason) {
    workflow.authorize(actor, workspace, Permission.POST_SCHEDULE);
    if (account != null && workflow.store().account(workspace, account).isEmpty()) {
      throw new EntityNotFoundException("account", account, workspace);
    }
    requireScheduler().pause(scope(account), reason);
  }

  /**
   * Lifts a pause made with {@link #pauseDispatch} for the same scope (needs POST_SCHEDULE); false
   * when it was not paused.
   */
  public boolean resumeDispatch(AccountId account) {
    workflow.authorize(actor, workspace, Permission.POST_SCHEDULE);
    return requireScheduler().resume(scope(account));
  }

  private PauseScope scope(AccountId account) {
    return account == null ? PauseScope.workspace(workspace) : PauseScope.account(workspace, account);
  }

  private Scheduler requireScheduler() {
    return workflow.scheduler().orElseThrow(() -> new dev.chorus.ChorusException(
        "no scheduler is attached; use Chorus, which has one"));
  }

  private Post scheduleTargets(PostId id, AccountId only, ScheduleIntent intent) {
    Checks.required("postId", id);
    workflow.authorize(actor, workspace, Permission.POST_SCHEDULE);
    Optional<Scheduler> attached = workflow.scheduler();
    if (attached.isEmpty()) {
      if (only != null || intent != null) {
        requireScheduler();
      }
      return moveAll(id, Permission.POST_SCHEDULE, TargetState.APPROVED, TargetState.SCHEDULED, "scheduled");
    }
    Scheduler scheduler = attached.get();
    Lock lock = scheduler.planningLock();
    lock.lock();
    try {
      Post post = workflow.post(workspace, id);
      List<PostTarget> candidates = new ArrayList<>();
      if (only == null) {
        candidates.addAll(post.targets());
      } else {
        candidates.add(post.target(only).orElseThrow(
            () -> new InvalidValueException("accountId", only, "is not a target of post " + id)));
      }
      Map<AccountId, ScheduleIntent> wanted = new LinkedHashMap<>();
      boolean already = false;
      for (PostTarget target : candidates) {
        switch (target.state()) {
          case APPROVED -> wanted.put(target.accountId(),
              intent != null ? intent : scheduler.defaultIntent(workspace, id, target.accountId()));
          case SCHEDULED, PUBLISHING, PUBLISHED -> already = true;
          default -> { }
        }
      }
      if (wanted.isEmpty()) {
        if (already) {
          return post;
        }
        PostTarget first = candidates.get(0);
        throw new IllegalTransitionException(id, first.accountId(), first.state(), TargetState.SCHEDULED);
      }
      Map<AccountId, PlannedTarget> plans = scheduler.plan(post, wanted);
      Set<AccountId> moved = new HashSet<>();
      Post next = workflow.mutate(
          workspace,
          id,
          change -> {
            moved.clear();
            for (PlannedTarget plan : plans.values()) {
              PostTarget target = change.current().target(plan.account()).orElse(null);
              if (target != null && target.state() == TargetState.APPROVED) {
                change.move(target, TargetState.SCHEDULED, actor, "scheduled for " + plan.describe());
                moved.add(plan.account());
              }
            }
          });
      List<PlannedTarget> armed = new ArrayList<>();
      for (PlannedTarget plan : plans.values()) {
        if (moved.contains(plan.account())) {
          armed.add(plan);
        }
      }
      scheduler.arm(next, armed);
      return next;
    } finally {
      lock.unlock();
    }
  }

  /** Pauses every SCHEDULED target (needs POST_SCHEDULE). */
  public Post pause(PostId id, String reason) {
    return moveAll(id, Permission.POST_SCHEDULE, TargetState.SCHEDULED, TargetState.PAUSED, reason == null ? "paused" : reason);
  }

  /** Resumes every PAUSED target back to SCHEDULED (needs POST_SCHEDULE). */
  public Post resume(PostId id) {
    return moveAll(id, Permission.POST_SCHEDULE, TargetState.PAUSED, TargetState.SCHEDULED, "resumed");
  }

  /**
   * Schedules a FAILED or MISSED target again (needs POST_SCHEDULE).
   *
   * @throws IllegalTransitionException if the target is in another state
   */
  public Post retry(PostId id, AccountId account, String reason) {
    Checks.required("postId", id);
    Checks.required("accountId", account);
    workflow.authorize(actor, workspace, Permission.POST_SCHEDULE);
    return workflow.mutate(
        workspace,
        id,
        change -> {
          PostTarget target = target(change, account);
          if (target.state() != TargetState.FAILED && target.state() != TargetState.MISSED) {
            throw new IllegalTransitionException(id, account, target.state(), TargetState.SCHEDULED);
          }
          change.move(target, TargetState.SCHEDULED, actor, reason == null ? "retried" : reason);
        });
  }

  /**
   * Cancels every target that is not yet published or cancelled (needs POST_DELETE).
   *
   * @throws IllegalTransitionException if a target is publishing right now, or nothing is left to cancel
   */
  public Post cancel(PostId id, String reason) {
    Checks.required("postId", id);
    workflow.authorize(actor, workspace, Permission.POST_DELETE);
    return workflow.mutate(
        workspace,
        id,
        change -> {
          List<PostTarget> open = new ArrayList<>();
          for (PostTarget target : change.current().targets()) {
            if (!target.state().terminal()) {
              Lifecycle.check(id, target.accountId(), target.state(), TargetState.CANCELLED);
              open.add(target);
            }
          }
          if (open.isEmpty()) {
            PostTarget first = change.current().targets().get(0);
            throw new IllegalTransitionException(id, first.accountId(), first.state(), TargetState.CANCELLED);
          }
          for (PostTarget target : open) {
            change.move(target, TargetState.CANCELLED, actor, reason == null ? "cancelled" : reason);
          }
        });
  }

  /** Cancels one target (needs POST_DELETE). */
  public Post cancel(PostId id, AccountId account, String reason) {
    Checks.required("postId", id);
    Checks.required("accountId", account);
    workflow.authorize(actor, workspace, Permission.POST_DELETE);
    return workflow.mutate(
        workspace,
        id,
        change -> change.move(target(change, account), TargetState.CANCELLED, actor, reason == null ? "cancelled" : reason));
  }

  private Post moveAll(PostId id, Permission permission, TargetState from, TargetState to, String reason) {
    Checks.required("postId", id);
    workflow.authorize(actor, workspace, permission);
    return workflow.mutate(
        workspace,
        id,
        change -> {
          for (PostTarget target : inState(change, from, to)) {
            change.move(target, to, actor, reason);
          }
        });
  }

  /** The targets in {@code state}; when there are none, the refused move of the first target. */
  private static List<PostTarget> inState(PostChange change, TargetState state, TargetState wanted) {
    List<PostTarget> found = new ArrayList<>();
    for (PostTarget target : change.current().targets()) {
      if (target.state() == state) {
        found.add(target);
      }
    }
    if (found.isEmpty()) {
      PostTarget first = change.current().targets().get(0);
      throw new IllegalTransitionException(change.current().id(), first.accountId(), first.state(), wanted);
    }
    return found;
  }

  private static PostTarget target(PostChange change, AccountId account) {
    return change
        .current()
        .target(account)
        .orElseThrow(() -> new InvalidValueException("accountId", account, "is not a target of post " + change.current().id()));
  }

  /** Passes when the actor may act on step {@code index} of the policy. */
  private void admit(Workflow.Access access, ApprovalPolicy policy, int index, String what) {
    if (!policy.required()) {
      if (!access.role().allows(Permission.POST_APPROVE)) {
        throw new AccessDeniedException(actor, Permission.POST_APPROVE, workspace);
      }
      return;
    }
    ApprovalStep step = policy.steps().get(index);
    if (!step.admits(actor, access.role())) {
      throw new AccessDeniedException(
          actor, step.requiredPermission(), workspace,
          "may not " + what + " approval step '" + step.name() + "'"
              + (step.role() == null ? "" : " (needs role " + step.role() + ")")
              + (step.approvers().isEmpty() ? "" : " (limited to named approvers)"));
    }
  }

  /** Who signed off a step of the target's current review round (since it last entered review). */
  private static Set<ActorId> signedThisRound(List<AuditEntry> trail, AccountId account) {
    Set<ActorId> signed = new HashSet<>();
    for (AuditEntry entry : trail) {
      if (!entry.accountId().equals(account)) {
        continue;
      }
      if (entry.to() == TargetState.IN_REVIEW && entry.from() != TargetState.IN_REVIEW) {
        signed.clear();
      } else if (entry.from() == TargetState.IN_REVIEW && entry.to() == TargetState.IN_REVIEW) {
        signed.add(entry.actor());
      }
    }
    return signed;
  }
}
