package dev.chorus.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.x.XConnectorProvider;
import dev.chorus.model.AccountId;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Publish round trip through the built-in X connector against raw OkHttp sending the same request
 * ({@code POST /2/tweets}, bearer token, JSON {@code {"text": ...}}) to the same local HTTP server on
 * loopback, which answers both with the same 201 body and {@code x-rate-limit-*} headers X sends.
 * Both run on one thread, one request at a time over a kept-alive connection, in alternating rounds
 * (so a change in the machine's load hits both alike) after an unreported warm-up of each.
 *
 * <p>The raw side reads the response body as a string and does nothing else; the connector also
 * validates the post (weighted length, options), builds and parses JSON, reads the rate-limit headers
 * and builds a {@link PublishResult}. The ratio is mean connector time over mean raw time.
 *
 * <p>Arguments, each {@code name=value}: {@code warmup} (10000 calls of each), {@code n} (5000 calls
 * of each per round), {@code rounds} (5).
 */
public final class ConnectorOverheadBenchmark {

  private static final String TOKEN = "bench-access-token";
  private static final String TEXT = "Benchmarking the publish path: one plain post of about a hundred characters #chorus";
  private static final byte[] BODY = ("{\"data\":{\"id\":\"1445880548472328192\",\"text\":\"" + TEXT
      + "\",\"edit_history_tweet_ids\":[\"1445880548472328192\"]}}").getBytes(StandardCharsets.UTF_8);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private ConnectorOverheadBenchmark() {}

  /** Runs the warm-up and the rounds and prints the table. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = Args.parse(args);
    int warmup = Args.intOption(options, "warmup", 10_000);
    int n = Args.intOption(options, "n", 5_000);
    int rounds = Args.intOption(options, "rounds", 5);
    System.out.println(Args.machine());

    // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: 40 ms a call.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    AtomicLong requests = new AtomicLong();
    AtomicLong chunked = new AtomicLong();
    java.util.Set<Integer> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService serverThreads = Executors.newFixedThreadPool(2);
    server.setExecutor(serverThreads);
    server.createContext("/2/tweets", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      requests.incrementAndGet();
      connections.add(exchange.getRemoteAddress().getPort());
      if (exchange.getRequestHeaders().containsKey("Transfer-encoding")) {
        chunked.incrementAndGet();
      }
      long reset = System.currentTimeMillis() / 1000 + 900;
      var headers = exchange.getResponseHeaders();
      headers.set("content-type", "application/json; charset=utf-8");
      headers.set("x-rate-limit-limit", "10000");
      headers.set("x-rate-limit-remaining", "9999");
      headers.set("x-rate-limit-reset", Long.toString(reset));
      headers.set("x-transaction-id", "bench-transaction");
      exchange.sendResponseHeaders(201, BODY.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(BODY);
      }
    });
    server.start();
    String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();

    Clock clock = Clock.systemUTC();
    HttpRuntime runtime = HttpRuntime.builder().clock(clock).build();
    XConnectorProvider provider = new XConnectorProvider();
    Connector connector = provider.create(ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime).build(),
        provider.configSpec().validate("x", Map.of("baseUrl", baseUrl, "accessToken", TOKEN)));
    SocialAccount account = new SocialAccount(AccountId.of("acc-1"), WorkspaceId.of("ws-1"), Platform.X, "@bench",
        "Bench", ZoneOffset.UTC, CredentialsRef.of("cred-1"));
    OkHttpClient raw = new OkHttpClient();
    Request rawRequest = new Request.Builder().url(baseUrl + "/2/tweets")
        .header("Authorization", "Bearer " + TOKEN)
        .post(RequestBody.create("{\"text\":\"" + TEXT + "\"}", JSON))
        .build();

    Call viaConnector = i -> {
      PublishResult result = connector.publish(PublishRequest.text(account, "bench-" + i, TEXT));
      if (result.externalId().isEmpty()) {
        throw new IllegalStateException("no id");
      }
    };
    Call viaOkHttp = i -> {
      try (Response response = raw.newCall(rawRequest).execute()) {
        if (response.code() != 201 || response.body().string().isEmpty()) {
          throw new IllegalStateException("unexpected " + response.code());
        }
      }
    };

    time(viaOkHttp, warmup);
    time(viaConnector, warmup);
    long[] rawNanos = new long[0];
    long[] connectorNanos = new long[0];
    for (int r = 0; r < rounds; r++) {
      rawNanos = concat(rawNanos, time(viaOkHttp, n));
      connectorNanos = concat(connectorNanos, time(viaConnector, n));
    }
    System.out.printf(Locale.ROOT, "%d rounds of %d calls each after %d warm-up calls of each; %d requests served "
        + "over %d connections, %d chunked; load %s%n%n", rounds, n, warmup, requests.get(), connections.size(),
        chunked.get(), Args.load());
    System.out.println("| path | calls | mean µs | p50 µs | p99 µs | calls/s |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
    double rawMean = row("raw OkHttp", rawNanos);
    double connectorMean = row("X connector publish", connectorNanos);
    System.out.printf(Locale.ROOT, "%nRatio connector / raw: mean %.2fx, p50 %.2fx, p99 %.2fx (goal <= 1.2x)%n",
        connectorMean / rawMean, percentile(connectorNanos, 50) / percentile(rawNanos, 50),
        percentile(connectorNanos, 99) / percentile(rawNanos, 99));

    connector.close();
    runtime.close();
    raw.dispatcher().executorService().shutdown();
    raw.connectionPool().evictAll();
    server.stop(0);
    serverThreads.shutdown();
  }

  @FunctionalInterface
  private interface Call {
    void run(int i) throws IOException;
  }

  private static long[] time(Call call, int n) throws IOException {
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      call.run(i);
      nanos[i] = System.nanoTime() - start;
    }
    return nanos;
  }

  private static long[] concat(long[] a, long[] b) {
    long[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static double row(String name, long[] nanos) {
    double mean = Arrays.stream(nanos).average().orElse(Double.NaN);
    System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.0f |%n", name, nanos.length, mean / 1000,
        percentile(nanos, 50) / 1000, percentile(nanos, 99) / 1000, 1e9 / mean);
    return mean;
  }

  /** Nearest-rank percentile. */
  static double percentile(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
