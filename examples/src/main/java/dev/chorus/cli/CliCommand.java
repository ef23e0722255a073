package dev.chorus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A leaf command: runs {@link #execute()} and turns every failure into a message and an exit code. */
abstract class CliCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  /** The work; returns the exit code. */
  abstract int execute();

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (RuntimeException e) {
      return cli().fail(e, err());
    }
  }

  ChorusCli cli() {
    return (ChorusCli) spec.root().userObject();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** A path as the user gave it, resolved against the working directory. */
  Path resolve(Path path) {
    return cli().environment().workingDirectory().resolve(path);
  }

  /** Reads a UTF-8 text file, failing with exit code 2 and a plain message. */
  String readText(Path path) {
    Path file = resolve(path);
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCodes.INVALID_INPUT, "cannot read " + path + ": no such file");
    } catch (IOException e) {
      throw new CliException(ExitCodes.INVALID_INPUT, "cannot read " + path + ": " + e.getMessage());
    }
  }

  /** Writes text to the file, or to standard output when {@code path} is null. */
  void writeText(Path path, String text) {
    if (path == null) {
      out().print(text);
      out().flush();
      return;
    }
    Path file = resolve(path);
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(ExitCodes.INVALID_INPUT, "cannot write " + path + ": " + e.getMessage());
    }
  }
}
