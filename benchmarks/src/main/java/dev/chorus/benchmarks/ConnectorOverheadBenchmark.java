package dev.chorus.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorContext;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.PublishResult;
import dev.chorus.connector.http.HttpRuntime;
import dev.chorus.connector.mastodon.MastodonProvider;
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
 * Publish round trip through two built-in connectors against raw OkHttp sending the same request to
 * the same local HTTP server on loopback: X ({@code POST /2/tweets}, bearer token, JSON {@code
 * {"text": ...}}, answered 201 with X's body and {@code x-rate-limit-*} headers) and Mastodon ({@code
 * POST /api/v1/statuses} with an {@code Idempotency-Key}, answered 200 with a status and {@code
 * X-RateLimit-*} headers). X's text rules (twitter-text) are costly and Mastodon's are cheap, so the
 * pair separates the runtime's own overhead from X's validation. All paths run on one thread, one
 * request at a time over kept-alive connections, in alternating rounds (so a change in the machine's
 * load hits all alike) after an unreported warm-up of each.
 *
 * <p>Two raw sides: the bare request (built once, its answer read as a string and nothing else) and
 * a raw client doing the least a hand-written client must to publish (the JSON body built from the
 * text per call, the post's id read from the answer); the goal compares with the latter. The bare
 * request reads the response body as a string and does nothing else; a connector also
 * validates the post offline (publish does), builds and parses JSON, reads the rate-limit headers and
 * builds a {@link PublishResult}. The offline validation is timed on its own too ({@code validate}
 * rows, no network), to show its share of the publish. Ratios are connector time over raw time.
 *
 * <p>Besides wall time per call, the table gives the calling thread's CPU time per call (user and
 * system, from {@code ThreadMXBean}), which other load on the machine disturbs less.
 *
 * <p>Arguments, each {@code name=value}: {@code warmup} (10000 calls of each), {@code n} (5000 calls
 * of each per round), {@code rounds} (5).
 */
public final class ConnectorOverheadBenchmark {

  private static final String TOKEN = "bench-access-token";
  private static final String TEXT = "Benchmarking the publish path: one plain post of about a hundred characters #chorus";
  private static final byte[] X_BODY = ("{\"data\":{\"id\":\"1445880548472328192\",\"text\":\"" + TEXT
      + "\",\"edit_history_tweet_ids\":[\"1445880548472328192\"]}}").getBytes(StandardCharsets.UTF_8);
  private static final byte[] STATUS_BODY = ("{\"id\":\"103270115826048975\",\"created_at\":\"2026-11-23T20:00:00.000Z\","
      + "\"in_reply_to_id\":null,\"sensitive\":false,\"spoiler_text\":\"\",\"visibility\":\"public\","
      + "\"language\":\"en\",\"uri\":\"https://bench.example/users/bench/statuses/103270115826048975\","
      + "\"url\":\"https://bench.example/@bench/103270115826048975\",\"replies_count\":0,\"reblogs_count\":0,"
      + "\"favourites_count\":0,\"content\":\"<p>" + TEXT + "</p>\",\"media_attachments\":[],\"mentions\":[],"
      + "\"tags\":[{\"name\":\"chorus\",\"url\":\"https://bench.example/tags/chorus\"}],\"emojis\":[],"
      + "\"account\":{\"id\":\"1\",\"username\":\"bench\",\"acct\":\"bench\"}}").getBytes(StandardCharsets.UTF_8);
  private static final byte[] INSTANCE_BODY = ("{\"domain\":\"bench.example\",\"title\":\"Bench\",\"version\":\"4.3.0\","
      + "\"configuration\":{\"statuses\":{\"max_characters\":500,\"max_media_attachments\":4,"
      + "\"characters_reserved_per_url\":23},\"media_attachments\":{\"supported_mime_types\":[\"image/jpeg\","
      + "\"image/png\",\"image/gif\",\"video/mp4\"],\"image_size_limit\":16777216,\"image_matrix_limit\":33177600,"
      + "\"video_size_limit\":103809024,\"video_matrix_limit\":8294400,\"description_limit\":1500},"
      + "\"polls\":{\"max_options\":4,\"max_characters_per_option\":50,\"min_expiration\":300,"
      + "\"max_expiration\":2629746}}}").getBytes(StandardCharsets.UTF_8);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final tools.jackson.databind.json.JsonMapper MAPPER = tools.jackson.databind.json.JsonMapper.builder()
      .build();

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
      count(exchange, requests, chunked, connections);
      long reset = System.currentTimeMillis() / 1000 + 900;
      var headers = exchange.getResponseHeaders();
      headers.set("x-rate-limit-limit", "10000");
      headers.set("x-rate-limit-remaining", "9999");
      headers.set("x-rate-limit-reset", Long.toString(reset));
      headers.set("x-transaction-id", "bench-transaction");
      answer(exchange, 201, X_BODY);
    });
    server.createContext("/api/v1/statuses", exchange -> {
      count(exchange, requests, chunked, connections);
      var headers = exchange.getResponseHeaders();
      headers.set("X-RateLimit-Limit", "300");
      headers.set("X-RateLimit-Remaining", "299");
      headers.set("X-RateLimit-Reset", java.time.Instant.now().plusSeconds(300).toString());
      headers.set("X-Request-Id", "bench-request");
      answer(exchange, 200, STATUS_BODY);
    });
    server.createContext("/api/v2/instance", exchange -> {
      count(exchange, requests, chunked, connections);
      answer(exchange, 200, INSTANCE_BODY);
    });
    server.start();
    String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();

    Clock clock = Clock.systemUTC();
    HttpRuntime runtime = HttpRuntime.builder().clock(clock).build();
    ConnectorContext context = ConnectorContext.builder(clock).extension(HttpRuntime.class, runtime).build();
    XConnectorProvider xProvider = new XConnectorProvider();
    Connector x = xProvider.create(context,
        xProvider.configSpec().validate("x", Map.of("baseUrl", baseUrl, "accessToken", TOKEN)));
    MastodonProvider mastodonProvider = new MastodonProvider();
    Connector mastodon = mastodonProvider.create(context,
        mastodonProvider.configSpec().validate("mastodon", Map.of("baseUrl", baseUrl, "accessToken", TOKEN)));
    SocialAccount xAccount = new SocialAccount(AccountId.of("acc-1"), WorkspaceId.of("ws-1"), Platform.X, "@bench",
        "Bench", ZoneOffset.UTC, CredentialsRef.of("cred-1"));
    SocialAccount mastodonAccount = new SocialAccount(AccountId.of("acc-2"), WorkspaceId.of("ws-1"),
        Platform.MASTODON, "@bench@bench.example", "Bench", ZoneOffset.UTC, CredentialsRef.of("cred-2"));
    OkHttpClient raw = new OkHttpClient();
    Request rawTweet = new Request.Builder().url(baseUrl + "/2/tweets")
        .header("Authorization", "Bearer " + TOKEN)
        .post(RequestBody.create("{\"text\":\"" + TEXT + "\"}", JSON))
        .build();
    Request rawStatus = new Request.Builder().url(baseUrl + "/api/v1/statuses")
        .header("Authorization", "Bearer " + TOKEN)
        .post(RequestBody.create("{\"status\":\"" + TEXT + "\"}", JSON))
        .build();

    // Each path: name, call. Raw Mastodon sets a fresh Idempotency-Key per call, as any client must.
    // The "raw client" paths do the least a hand-written client must do to publish a post: build the
    // JSON body from the text, send it and read the new post's id from the answer.
    Map<String, Call> paths = new java.util.LinkedHashMap<>();
    paths.put("raw OkHttp, X request", i -> rawCall(raw, rawTweet, 201));
    paths.put("raw client, X publish", i -> rawClient(raw, new Request.Builder().url(baseUrl + "/2/tweets")
        .header("Authorization", "Bearer " + TOKEN), Map.of("text", TEXT), 201, "/data/id"));
    paths.put("X connector publish", i -> publish(x, PublishRequest.text(xAccount, "bench-" + i, TEXT)));
    paths.put("X connector validate only", i -> x.validate(PublishRequest.text(xAccount, "bench-" + i, TEXT)).orThrow());
    paths.put("raw OkHttp, Mastodon request",
        i -> rawCall(raw, rawStatus.newBuilder().header("Idempotency-Key", "raw-" + i).build(), 200));
    paths.put("raw client, Mastodon publish", i -> rawClient(raw, new Request.Builder().url(baseUrl + "/api/v1/statuses")
        .header("Authorization", "Bearer " + TOKEN).header("Idempotency-Key", "raw-" + i), Map.of("status", TEXT),
        200, "/id"));
    paths.put("Mastodon connector publish",
        i -> publish(mastodon, PublishRequest.text(mastodonAccount, "bench-" + i, TEXT)));
    paths.put("Mastodon connector validate only",
        i -> mastodon.validate(PublishRequest.text(mastodonAccount, "bench-" + i, TEXT)).orThrow());

    for (Call call : paths.values()) {
      time(call, warmup);
    }
    Map<String, long[]> nanos = new java.util.LinkedHashMap<>();
    Map<String, Long> cpuNanos = new java.util.LinkedHashMap<>();
    paths.keySet().forEach(name -> nanos.put(name, new long[0]));
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int r = 0; r < rounds; r++) {
      for (Map.Entry<String, Call> path : paths.entrySet()) {
        long cpuBefore = threads.getCurrentThreadCpuTime();
        nanos.put(path.getKey(), concat(nanos.get(path.getKey()), time(path.getValue(), n)));
        cpuNanos.merge(path.getKey(), threads.getCurrentThreadCpuTime() - cpuBefore, Long::sum);
      }
    }
    System.out.printf(Locale.ROOT, "%d rounds of %d calls each after %d warm-up calls of each; %d requests served "
        + "over %d connections, %d chunked; load %s%n%n", rounds, n, warmup, requests.get(), connections.size(),
        chunked.get(), Args.load());
    System.out.println("| path | calls | mean µs | p50 µs | p99 µs | calls/s | CPU µs/call |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    nanos.forEach((name, values) -> row(name, values, cpuNanos.get(name)));
    System.out.println();
    System.out.println("Against the bare request (prebuilt, answer read as text):");
    ratios("X", nanos.get("X connector publish"), nanos.get("raw OkHttp, X request"),
        nanos.get("X connector validate only"));
    ratios("Mastodon", nanos.get("Mastodon connector publish"), nanos.get("raw OkHttp, Mastodon request"),
        nanos.get("Mastodon connector validate only"));
    System.out.println("Against a raw client (JSON body built per call, the post's id read from the answer):");
    ratios("X", nanos.get("X connector publish"), nanos.get("raw client, X publish"),
        nanos.get("X connector validate only"));
    ratios("Mastodon", nanos.get("Mastodon connector publish"), nanos.get("raw client, Mastodon publish"),
        nanos.get("Mastodon connector validate only"));
    // The calling thread's CPU time (user and system) is less swayed than wall time by other work on the
    // machine, which delays the thread between the server's answer and the next call alike for all paths.
    System.out.printf(Locale.ROOT, "CPU of the calling thread, connector / bare request: X %.2fx, Mastodon %.2fx;"
        + " connector / raw client: X %.2fx, Mastodon %.2fx%n",
        (double) cpuNanos.get("X connector publish") / cpuNanos.get("raw OkHttp, X request"),
        (double) cpuNanos.get("Mastodon connector publish") / cpuNanos.get("raw OkHttp, Mastodon request"),
        (double) cpuNanos.get("X connector publish") / cpuNanos.get("raw client, X publish"),
        (double) cpuNanos.get("Mastodon connector publish") / cpuNanos.get("raw client, Mastodon publish"));

    x.close();
    mastodon.close();
    runtime.close();
    raw.dispatcher().executorService().shutdown();
    raw.connectionPool().evictAll();
    server.stop(0);
    serverThreads.shutdown();
  }

  private static void count(com.sun.net.httpserver.HttpExchange exchange, AtomicLong requests, AtomicLong chunked,
      java.util.Set<Integer> connections) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
    }
    requests.incrementAndGet();
    connections.add(exchange.getRemoteAddress().getPort());
    if (exchange.getRequestHeaders().containsKey("Transfer-encoding")) {
      chunked.incrementAndGet();
    }
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("content-type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void rawCall(OkHttpClient client, Request request, int expected) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      if (response.code() != expected || response.body().string().isEmpty()) {
        throw new IllegalStateException("unexpected " + response.code());
      }
    }
  }

  /** A minimal hand-written publish: JSON body from the fields, the id read from the answer. */
  private static void rawClient(OkHttpClient client, Request.Builder request, Map<String, String> fields,
      int expected, String idPointer) throws IOException {
    byte[] body = MAPPER.writeValueAsBytes(fields);
    try (Response response = client.newCall(request.post(RequestBody.create(body, JSON)).build()).execute()) {
      String id = MAPPER.readTree(response.body().byteStream()).at(idPointer).asString();
      if (response.code() != expected || id.isEmpty()) {
        throw new IllegalStateException("unexpected " + response.code());
      }
    }
  }

  private static void publish(Connector connector, PublishRequest request) {
    PublishResult result = connector.publish(request);
    if (result.externalId().isEmpty()) {
      throw new IllegalStateException("no id");
    }
  }

  private static void ratios(String platform, long[] connector, long[] raw, long[] validate) {
    double connectorMean = mean(connector);
    double rawMean = mean(raw);
    double validateMean = mean(validate);
    System.out.printf(Locale.ROOT, "%s: connector / raw mean %.2fx, p50 %.2fx, p99 %.2fx (goal <= 1.2x); "
        + "offline validation %.1f µs = %.0f%% of the publish; connector beyond raw and validation %.1f µs "
        + "(%.2fx raw without validation)%n", platform, connectorMean / rawMean,
        percentile(connector, 50) / percentile(raw, 50), percentile(connector, 99) / percentile(raw, 99),
        validateMean / 1000, 100 * validateMean / connectorMean, (connectorMean - rawMean - validateMean) / 1000,
        (connectorMean - validateMean) / rawMean);
  }

  private static double mean(long[] nanos) {
    return Arrays.stream(nanos).average().orElse(Double.NaN);
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

  private static void row(String name, long[] nanos, long cpuNanos) {
    double mean = mean(nanos);
    System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.0f | %.1f |%n", name, nanos.length,
        mean / 1000, percentile(nanos, 50) / 1000, percentile(nanos, 99) / 1000, 1e9 / mean,
        cpuNanos / 1000.0 / nanos.length);
  }

  /** Nearest-rank percentile. */
  static double percentile(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
