package dev.chorus.model;

import dev.chorus.InvalidValueException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/** A poll attached to a post: two or more distinct options open for a duration. */
public record Poll(List<String> options, Duration duration) {

  public Poll {
    options = Checks.list("poll.options", options);
    Checks.required("poll.duration", duration);
    if (options.size() < 2) {
      throw new InvalidValueException("poll.options", options, "a poll needs at least 2 options");
    }
    var seen = new HashSet<String>();
    for (int i = 0; i < options.size(); i++) {
      String option = Checks.notBlank("poll.options[" + i + "]", options.get(i));
      if (!seen.add(option.strip())) {
        throw new InvalidValueException("poll.options[" + i + "]", option, "duplicates an earlier option");
      }
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new InvalidValueException("poll.duration", duration, "must be positive");
    }
  }
}
