package dev.chorus.cli;

import dev.chorus.ChorusException;
import dev.chorus.EntityNotFoundException;
import dev.chorus.IllegalTransitionException;
import dev.chorus.InvalidValueException;
import dev.chorus.calendar.CalendarImportException;
import dev.chorus.calendar.RowError;
import dev.chorus.connector.ConfigException;
import dev.chorus.connector.ConnectorException;
import dev.chorus.model.Checks;
import dev.chorus.model.Platform;
import dev.chorus.schedule.DispatchStoreException;
import dev.chorus.schedule.SchedulingConflictException;
import dev.chorus.store.ChorusStoreException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code chorus} command line: {@code import}, {@code validate}, {@code calendar list|export},
 * {@code schedule run}, {@code metrics collect} and {@code report}. State lives between invocations
 * in a database ({@code --jdbc-url}, by default an H2 file under {@code ./.chorus/}); the offline
 * sandbox platform is the default connector. Exit codes are in {@link ExitCodes}; a user error is a
 * message, never a stack trace ({@code --verbose} shows one).
 *
 * <p>Run it with {@code new CommandLine(new ChorusCli()).execute(args)} or {@link #main}.
 */
@Command(
    name = "chorus",
    mixinStandardHelpOptions = true,
    versionProvider = ChorusCli.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    exitCodeOnInvalidInput = ExitCodes.USAGE,
    exitCodeOnExecutionException = ExitCodes.INTERNAL,
    header = "Plan, publish and measure social media posts with Chorus.",
    description = {
        "State is kept between invocations in a database: by default an H2 file under ./.chorus/,"
            + " or the one --jdbc-url names (H2 or PostgreSQL; the password comes from CHORUS_DB_PASSWORD).",
        "Accounts are declared on import with --account handle=platform:zone; the platform defaults to"
            + " 'sandbox', a simulated network that works offline.",
        "Global options go before the command: chorus --verbose import plan.csv.",
        ""},
    subcommands = {
        ImportCommand.class,
        ValidateCommand.class,
        CalendarCommand.class,
        ScheduleCommand.class,
        MetricsCommand.class,
        ReportCommand.class,
        CommandLine.HelpCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  success",
        "  1  usage error (unknown option, missing or malformed argument)",
        "  2  invalid input (bad CSV rows, a platform rule broken, a missing file)",
        "  3  platform or database error (a publish failed, no database connection)",
        "  4  internal error (a bug; --verbose prints the stack trace)",
        "",
        "Example:",
        "  chorus import plan.csv --account acme=sandbox:Europe/Berlin",
        "  chorus calendar list && chorus schedule run --until PT2H"})
public final class ChorusCli implements Runnable {

  @Spec
  private CommandSpec spec;

  @Option(names = "--jdbc-url", paramLabel = "URL",
      description = "Database for state between invocations (default: jdbc:h2:file:./.chorus/chorus).")
  private String jdbcUrl;

  @Option(names = "--db-user", paramLabel = "USER",
      description = "Database user; the password is read from the CHORUS_DB_PASSWORD environment variable.")
  private String dbUser;

  @Option(names = {"-C", "--connector-config"}, paramLabel = "PLATFORM.KEY=VALUE",
      description = "A connector setting, e.g. -C sandbox.text_max=280 (repeatable). The sandbox's api_key defaults to 'offline'.")
  private List<String> connectorSettings = new ArrayList<>();

  @Option(names = "--progress", description = "Show progress bars even when standard error is not a terminal.")
  private boolean progress;

  @Option(names = {"-v", "--verbose"}, description = "Print the stack trace of an error.")
  private boolean verbose;

  private final CliEnvironment environment;
  private final Map<String, String> systemEnv;

  /** The command line on the process's clock, working directory and environment variables. */
  public ChorusCli() {
    this(CliEnvironment.system(), System.getenv());
  }

  /** The command line in the given environment (tests pass a fixed clock and a temporary directory). */
  public ChorusCli(CliEnvironment environment) {
    this(environment, Map.of());
  }

  private ChorusCli(CliEnvironment environment, Map<String, String> systemEnv) {
    this.environment = Checks.required("environment", environment);
    this.systemEnv = Map.copyOf(systemEnv);
  }

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "dev/chorus/cli/logback-cli.xml");
    }
    System.exit(new CommandLine(new ChorusCli()).execute(args));
  }

  /** Without a command: prints the help. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  CliEnvironment environment() {
    return environment;
  }

  boolean progressWanted() {
    return progress || environment.terminal();
  }

  /** The database: --jdbc-url, or an H2 file under the working directory's .chorus folder. */
  DriverDataSource dataSource() {
    if (jdbcUrl != null) {
      if (!jdbcUrl.startsWith("jdbc:")) {
        throw new CliException(ExitCodes.INVALID_INPUT, "--jdbc-url must start with 'jdbc:', e.g. jdbc:h2:file:./data/chorus");
      }
      return new DriverDataSource(jdbcUrl, dbUser, dbUser == null ? null : systemEnv.getOrDefault("CHORUS_DB_PASSWORD", ""));
    }
    Path file = environment.workingDirectory().resolve(".chorus").resolve("chorus").toAbsolutePath();
    return new DriverDataSource("jdbc:h2:file:" + file, null, null);
  }

  /** Connector settings by platform; the sandbox gets an api_key unless one was given. */
  Map<Platform, Map<String, String>> connectorConfigs() {
    Map<Platform, Map<String, String>> configs = new LinkedHashMap<>();
    configs.put(Platform.SANDBOX, new LinkedHashMap<>(Map.of("api_key", "offline")));
    for (String setting : connectorSettings) {
      int dot = setting.indexOf('.');
      int eq = setting.indexOf('=');
      if (dot <= 0 || eq < dot + 2) {
        throw new CliException(ExitCodes.USAGE,
            "--connector-config '" + setting + "' is not PLATFORM.KEY=VALUE, e.g. sandbox.text_max=280");
      }
      Platform platform;
      try {
        platform = Platform.of(setting.substring(0, dot).toLowerCase(Locale.ROOT));
      } catch (InvalidValueException e) {
        throw new CliException(ExitCodes.USAGE, "--connector-config '" + setting + "': " + e.getMessage());
      }
      configs.computeIfAbsent(platform, p -> new LinkedHashMap<>())
          .put(setting.substring(dot + 1, eq), setting.substring(eq + 1));
    }
    return configs;
  }

  /**
   * Reports a failure of a command on standard error and returns its exit code: the user's mistakes
   * and platform failures as one message, anything else as an internal error.
   */
  int fail(RuntimeException e, PrintWriter err) {
    int code;
    if (e instanceof CliException cli) {
      code = cli.exitCode();
      err.println("chorus: " + cli.getMessage());
    } else if (e instanceof CalendarImportException bad) {
      code = ExitCodes.INVALID_INPUT;
      List<RowError> errors = bad.errors();
      err.println("chorus: the calendar file has " + errors.size() + (errors.size() == 1 ? " problem" : " problems")
          + "; nothing was imported:");
      for (RowError row : errors) {
        err.println("  row " + row.row() + ", column " + row.column() + ": " + row.reason()
            + (row.value().isEmpty() ? "" : " (value '" + row.value() + "')"));
      }
    } else if (e instanceof InvalidValueException || e instanceof ConfigException
        || e instanceof SchedulingConflictException || e instanceof EntityNotFoundException
        || e instanceof IllegalTransitionException || e instanceof UncheckedIOException) {
      code = ExitCodes.INVALID_INPUT;
      err.println("chorus: " + e.getMessage());
    } else if (e instanceof ConnectorException || e instanceof ChorusStoreException
        || e instanceof DispatchStoreException) {
      code = ExitCodes.PLATFORM;
      err.println("chorus: " + e.getMessage());
    } else {
      code = ExitCodes.INTERNAL;
      String kind = e instanceof ChorusException ? "" : e.getClass().getSimpleName() + ": ";
      err.println("chorus: internal error: " + kind + e.getMessage()
          + (verbose ? "" : " (run with --verbose for the stack trace)"));
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** The version of the chorus jar, from its manifest when packaged. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ChorusCli.class.getPackage().getImplementationVersion();
      return new String[] {"chorus " + (version == null ? "(development build)" : version)};
    }
  }
}
