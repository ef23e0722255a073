package dev.chorus.strategy;

import dev.chorus.model.CampaignId;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostTarget;
import dev.chorus.model.PostVariant;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.schedule.Scheduler;
import dev.chorus.workflow.Session;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** A month's draft slots with their pillars and formats, from {@link ContentPlanner}. */
public record ContentPlan(ContentMix mix, YearMonth month, List<PlannedSlot> slots) {

  public ContentPlan {
    Checks.required("plan.mix", mix);
    Checks.required("plan.month", month);
    slots = Checks.list("plan.slots", slots);
  }

  /** Slots per pillar over the month, in the mix's pillar order. */
  public Map<String, Integer> counts() {
    return count(slots);
  }

  /** Slots per pillar in each ISO week (by its Monday, in the accounts' zones), weeks in order. */
  public Map<LocalDate, Map<String, Integer>> countsByWeek() {
    return group(PlannedSlot::week, new TreeMap<>());
  }

  /** Slots per pillar on each platform, platforms in the order of their first slot. */
  public Map<Platform, Map<String, Integer>> countsByPlatform() {
    return group(PlannedSlot::platform, new LinkedHashMap<>());
  }

  private <K> Map<K, Map<String, Integer>> group(Function<PlannedSlot, K> key, Map<K, Map<String, Integer>> into) {
    for (PlannedSlot slot : slots) {
      into.computeIfAbsent(key.apply(slot), k -> count(List.of())).merge(slot.pillar(), 1, Integer::sum);
    }
    return into;
  }

  private Map<String, Integer> count(List<PlannedSlot> list) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    mix.pillars().forEach(p -> counts.put(p.name(), 0));
    list.forEach(s -> counts.merge(s.pillar(), 1, Integer::sum));
    return counts;
  }

  /**
   * Creates one DRAFT post per slot through the session (needs POST_CREATE), tagged with the
   * slot's pillar, targeting the slot's account in the slot's format, and remembers the slot's
   * instant as the target's intent, so the calendar shows it there and {@code
   * posts().schedule(id)} after approval uses it. The text is a placeholder naming the theme and
   * pillar, for the writer to replace.
   *
   * @param scheduler the scheduler of the session's {@code Chorus} ({@code chorus.scheduler()})
   * @param campaign the campaign the drafts belong to, or {@code null}
   * @return the drafts, in slot order
   */
  public List<Post> materialise(Session session, Scheduler scheduler, CampaignId campaign) {
    Checks.required("session", session);
    Checks.required("scheduler", scheduler);
    List<Post> drafts = new ArrayList<>();
    for (PlannedSlot slot : slots) {
      PostContent content = PostContent.text("[" + slot.pillar() + "] " + mix.theme() + " (draft)");
      Post post = session.posts().createDraft(content,
          List.of(PostTarget.draft(slot.account(), PostVariant.of(slot.format()))), campaign, slot.pillar());
      scheduler.rememberIntent(session.workspaceId(), post.id(), slot.account(),
          ScheduleIntent.at(slot.at()));
      drafts.add(post);
    }
    return List.copyOf(drafts);
  }
}
