package dev.chorus.workflow;

import dev.chorus.event.ChorusEvent;
import dev.chorus.model.ActorId;
import dev.chorus.model.AuditEntry;
import dev.chorus.model.Post;
import dev.chorus.model.PostTarget;
import dev.chorus.model.PublishedRef;
import dev.chorus.model.TargetState;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One attempt at changing a post: the working copy, the audit entries and the events it will
 * produce once stored. Discarded whole when the store reports a concurrent change.
 */
final class PostChange {

  final WorkspaceId workspace;
  final Post original;
  final Instant now;
  private Post current;
  private boolean changed;
  private final List<AuditEntry> audit = new ArrayList<>();
  private final List<ChorusEvent> events = new ArrayList<>();

  PostChange(WorkspaceId workspace, Post original, Instant now) {
    this.workspace = workspace;
    this.original = original;
    this.now = now;
    this.current = original;
  }

  Post current() {
    return current;
  }

  boolean changed() {
    return changed;
  }

  List<AuditEntry> audit() {
    return audit;
  }

  List<ChorusEvent> events() {
    return events;
  }

  /** The working copy's target for the account of {@code target}. */
  PostTarget latest(PostTarget target) {
    return current.target(target.accountId()).orElseThrow();
  }

  /** Replaces a target without a state change (a variant edit, an approval count). */
  void replace(PostTarget target) {
    current = current.withTarget(target);
    changed = true;
  }

  /** Replaces the shared content. */
  void content(dev.chorus.model.PostContent content) {
    current = current.withContent(content);
    changed = true;
  }

  /** Records an audit entry that is not a state change (an approval step signed off). */
  void note(PostTarget target, ActorId actor, String reason, ChorusEvent event) {
    audit.add(
        new AuditEntry(current.id(), target.accountId(), actor, now, target.state(), target.state(), reason));
    events.add(event);
    changed = true;
  }

  /** Moves the target, checked against {@link Lifecycle}, and records it. */
  PostTarget move(PostTarget target, TargetState to, ActorId actor, String reason) {
    return move(target, to, actor, reason, null);
  }

  /** Moves the target to PUBLISHED (or anywhere) and records where it was published. */
  PostTarget move(PostTarget target, TargetState to, ActorId actor, String reason, PublishedRef ref) {
    PostTarget from = latest(target);
    Lifecycle.check(current.id(), from.accountId(), from.state(), to);
    PostTarget next = from.withState(to);
    if (to == TargetState.DRAFT || to == TargetState.IN_REVIEW) {
      next = next.withApprovalsGiven(0);
    }
    if (to == TargetState.FAILED) {
      next = next.withFailureReason(reason == null ? "failed" : reason);
    } else if (from.state() == TargetState.FAILED) {
      next = next.withFailureReason(null);
    }
    if (ref != null) {
      next = next.withPublished(ref);
    }
    current = current.withTarget(next);
    changed = true;
    audit.add(new AuditEntry(current.id(), from.accountId(), actor, now, from.state(), to, reason));
    events.add(
        new TargetTransitioned(workspace, current.id(), from.accountId(), actor, from.state(), to, reason, now));
    return next;
  }
}
