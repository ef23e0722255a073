package dev.chorus.calendar;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.CampaignId;
import dev.chorus.model.Checks;
import dev.chorus.model.TargetState;
import dev.chorus.model.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A selection of the calendar: one workspace, optionally narrowed to accounts, a campaign, a time
 * range {@code [from, to)} and states. Empty sets mean "any".
 */
public record CalendarQuery(
    WorkspaceId workspace,
    Set<AccountId> accounts,
    CampaignId campaign,
    Instant from,
    Instant to,
    Set<TargetState> states) {

  public CalendarQuery {
    Checks.required("query.workspace", workspace);
    accounts = Checks.set("query.accounts", accounts);
    states = Checks.set("query.states", states);
    if (from != null && to != null && !to.isAfter(from)) {
      throw new InvalidValueException("query.to", to, "must be after query.from " + from);
    }
  }

  /** Everything in the workspace. */
  public static CalendarQuery workspace(WorkspaceId workspace) {
    return new CalendarQuery(workspace, Set.of(), null, null, null, Set.of());
  }

  /** Narrowed to these accounts. */
  public CalendarQuery accounts(AccountId... ids) {
    return new CalendarQuery(workspace, Set.of(ids), campaign, from, to, states);
  }

  /** Narrowed to the campaign. */
  public CalendarQuery campaign(CampaignId id) {
    return new CalendarQuery(workspace, accounts, id, from, to, states);
  }

  /** Narrowed to {@code [start, end)}. */
  public CalendarQuery between(Instant start, Instant end) {
    return new CalendarQuery(workspace, accounts, campaign, start, end, states);
  }

  /** Narrowed to these states. */
  public CalendarQuery states(TargetState... wanted) {
    return new CalendarQuery(workspace, accounts, campaign, from, to, Set.of(wanted));
  }

  /** Whether the entry is selected. */
  public boolean matches(CalendarEntry entry) {
    return entry.workspaceId().equals(workspace)
        && (accounts.isEmpty() || accounts.contains(entry.accountId()))
        && (campaign == null || campaign.equals(entry.campaignId()))
        && (from == null || !entry.at().isBefore(from))
        && (to == null || entry.at().isBefore(to))
        && (states.isEmpty() || states.contains(entry.state()));
  }

  /** The selected entries, in time order. */
  public List<CalendarEntry> select(java.util.Collection<CalendarEntry> entries) {
    return entries.stream().filter(this::matches)
        .sorted(java.util.Comparator.comparing(CalendarEntry::at).thenComparing(e -> e.postId().value()))
        .toList();
  }
}
