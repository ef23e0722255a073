package dev.chorus.cli;

import dev.chorus.connector.sandbox.Sleeper;
import dev.chorus.connector.sandbox.SandboxPlatform;
import dev.chorus.model.Checks;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * What the command line takes from its surroundings, so tests can replace it: the clock, the
 * working directory (the default database lives in its {@code .chorus} folder), how to wait, whether
 * standard error is a terminal, and optionally one sandbox platform shared by every invocation (a
 * sandbox built per invocation forgets its posts when the process ends).
 *
 * @param clock every timestamp comes from it
 * @param workingDirectory where {@code .chorus/} and relative paths are resolved
 * @param sleeper how {@code schedule run --until} waits between polls
 * @param terminal whether standard error is a terminal (progress bars are shown only then, or with {@code --progress})
 * @param sandbox the sandbox platform to publish to, or {@code null} to build one per invocation
 */
public record CliEnvironment(Clock clock, Path workingDirectory, Sleeper sleeper, boolean terminal,
    SandboxPlatform sandbox) {

  /** Requires everything but the sandbox. */
  public CliEnvironment {
    Checks.required("clock", clock);
    Checks.required("workingDirectory", workingDirectory);
    Checks.required("sleeper", sleeper);
  }

  /** The process's environment: the system UTC clock, the current directory, real sleeping. */
  public static CliEnvironment system() {
    return new CliEnvironment(Clock.systemUTC(), Path.of("").toAbsolutePath(), Sleeper.SYSTEM,
        System.console() != null, null);
  }

  /** The shared sandbox platform, if one was given. */
  public Optional<SandboxPlatform> sharedSandbox() {
    return Optional.ofNullable(sandbox);
  }
}
