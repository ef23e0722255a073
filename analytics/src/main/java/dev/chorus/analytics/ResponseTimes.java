package dev.chorus.analytics;

import dev.chorus.model.Checks;
import dev.chorus.model.Interaction;
import dev.chorus.model.InteractionKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Response time and response rate of an account from its interactions. An inbound message is
 * <em>answered</em> by the first interaction written by the account ({@code authorId} equal to
 * {@code ownAuthorId}) whose {@code parentExternalId} is the inbound message's id and which is not
 * earlier than it. Only inbound messages of the actionable kinds count. Immutable result.
 *
 * @param responses one entry per actionable inbound message, in inbound order
 */
public record ResponseTimes(List<Response> responses) {

  /** Copies. */
  public ResponseTimes {
    responses = Checks.list("responses", responses);
  }

  /**
   * One actionable inbound message and its first reply, if any.
   *
   * @param reply the first reply, or {@code null} when unanswered
   */
  public record Response(Interaction inbound, Interaction reply) {
    /** Requires the inbound message. */
    public Response {
      Checks.required("response.inbound", inbound);
    }

    /** The time from inbound to reply, when answered. */
    public Optional<Duration> time() {
      return reply == null ? Optional.empty() : Optional.of(Duration.between(inbound.createdAt(), reply.createdAt()));
    }
  }

  /** Pairs each actionable inbound interaction with the account's first reply to it. */
  public static ResponseTimes of(
      List<Interaction> interactions, String ownAuthorId, Set<InteractionKind> actionableKinds) {
    Checks.notBlank("ownAuthorId", ownAuthorId);
    Set<InteractionKind> kinds = Checks.set("actionableKinds", actionableKinds);
    List<Interaction> all = new ArrayList<>(Checks.list("interactions", interactions));
    all.sort(Comparator.comparing(Interaction::createdAt));
    Map<String, Interaction> firstReply = new HashMap<>();
    for (Interaction interaction : all) {
      if (interaction.authorId().equals(ownAuthorId) && interaction.parentExternalId() != null) {
        firstReply.putIfAbsent(interaction.parentExternalId(), interaction);
      }
    }
    List<Response> responses = new ArrayList<>();
    for (Interaction interaction : all) {
      if (!interaction.authorId().equals(ownAuthorId) && kinds.contains(interaction.kind())) {
        Interaction reply = firstReply.get(interaction.externalId());
        if (reply != null && reply.createdAt().isBefore(interaction.createdAt())) {
          reply = null;
        }
        responses.add(new Response(interaction, reply));
      }
    }
    return new ResponseTimes(responses);
  }

  /** Replied ÷ actionable inbound messages; undefined when there were none. */
  public KpiValue responseRate() {
    long replied = responses.stream().filter(r -> r.reply() != null).count();
    return responses.isEmpty() ? KpiValue.undefined("no actionable inbound message") : KpiValue.ratio(replied, responses.size());
  }

  /** Mean response time over answered messages, empty when none was answered. */
  public Optional<Duration> mean() {
    List<Duration> times = times();
    if (times.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(sum(times).dividedBy(times.size()));
  }

  /** Median response time (the mean of the two middle ones for an even count). */
  public Optional<Duration> median() {
    List<Duration> times = times();
    if (times.isEmpty()) {
      return Optional.empty();
    }
    times.sort(Comparator.naturalOrder());
    int n = times.size();
    return Optional.of(n % 2 == 1 ? times.get(n / 2) : times.get(n / 2 - 1).plus(times.get(n / 2)).dividedBy(2));
  }

  /** Mean response time counting only business hours. */
  public Optional<Duration> meanWithin(BusinessHours hours) {
    Checks.required("businessHours", hours);
    List<Duration> times = new ArrayList<>();
    for (Response response : responses) {
      if (response.reply() != null) {
        times.add(hours.between(response.inbound().createdAt(), response.reply().createdAt()));
      }
    }
    return times.isEmpty() ? Optional.empty() : Optional.of(sum(times).dividedBy(times.size()));
  }

  private List<Duration> times() {
    List<Duration> times = new ArrayList<>();
    for (Response response : responses) {
      response.time().ifPresent(times::add);
    }
    return times;
  }

  private static Duration sum(List<Duration> times) {
    Duration total = Duration.ZERO;
    for (Duration time : times) {
      total = total.plus(time);
    }
    return total;
  }
}
