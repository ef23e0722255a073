package dev.chorus.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Command-line arguments ({@code name=value}) and machine facts the harnesses print. */
final class Args {

  private Args() {}

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("arguments are name=value, not " + arg);
      }
      options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return options;
  }

  static int intOption(Map<String, String> options, String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
  }

  /** The 1, 5 and 15 minute load averages (Linux), else the JVM's one-minute figure. */
  static String load() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /**
   * Waits until the JIT compiler has been idle for a second (its total compilation time unchanged),
   * at most {@code limitSeconds}, and returns how long that took in milliseconds: after a warm-up
   * the compile queue can hold minutes of work on two cores, which would otherwise run during the
   * measured burst and time the compiler instead of the code.
   */
  static long awaitQuietCompiler(int limitSeconds) throws InterruptedException {
    java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long start = System.nanoTime();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return 0;
    }
    long last = jit.getTotalCompilationTime();
    long quietSince = System.nanoTime();
    while (System.nanoTime() - quietSince < 1_000_000_000L && System.nanoTime() - start < limitSeconds * 1_000_000_000L) {
      Thread.sleep(100);
      long now = jit.getTotalCompilationTime();
      if (now != last) {
        last = now;
        quietSince = System.nanoTime();
      }
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** One line naming the machine, the Java runtime and the load. */
  static String machine() {
    Runtime rt = Runtime.getRuntime();
    return String.format(Locale.ROOT, "Machine: %d cores, Java %s (%s), %s %s; max heap %d MB; load %s",
        rt.availableProcessors(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
        System.getProperty("os.name"), System.getProperty("os.arch"), rt.maxMemory() >> 20, load());
  }
}
