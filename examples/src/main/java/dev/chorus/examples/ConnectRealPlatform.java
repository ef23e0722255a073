package dev.chorus.examples;

import dev.chorus.Chorus;
import dev.chorus.connector.Connector;
import dev.chorus.connector.ConnectorRegistry;
import dev.chorus.connector.PublishRequest;
import dev.chorus.connector.ValidationResult;
import dev.chorus.connector.Violation;
import dev.chorus.connector.mastodon.MastodonProvider;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.CredentialsRef;
import dev.chorus.model.Platform;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import dev.chorus.model.PostTarget;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.Workspace;
import dev.chorus.schedule.ScheduleIntent;
import dev.chorus.workflow.Session;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Connecting a real platform: Mastodon, configured from environment variables so no credential
 * is written in code. It checks a post offline against the instance's rules and, only when asked
 * to, publishes it for real through the scheduling engine. Without the variables it explains how
 * to set them and exits with status 0.
 *
 * <pre>
 * export CHORUS_MASTODON_URL=https://mastodon.social
 * export CHORUS_MASTODON_TOKEN=...            # an access token with the write:statuses scope
 * export CHORUS_MASTODON_PUBLISH=yes          # optional: really post; otherwise only validate
 * mvn -B -q -pl examples -am compile exec:java -Dchorus.exec.mainClass=dev.chorus.examples.ConnectRealPlatform
 * </pre>
 */
public final class ConnectRealPlatform {

  /** The instance's base URL. */
  public static final String URL = "CHORUS_MASTODON_URL";
  /** The access token (a secret: never printed). */
  public static final String TOKEN = "CHORUS_MASTODON_TOKEN";
  /** Set to {@code yes} to publish; anything else only validates. */
  public static final String PUBLISH = "CHORUS_MASTODON_PUBLISH";

  private ConnectRealPlatform() {}

  /** Runs against the process environment; exits with the status {@link #run} returns. */
  public static void main(String[] args) {
    int status = run(System.out, System.getenv());
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs with the given environment, printing to {@code out}.
   *
   * @return the exit status: 0 when done or when the variables are missing (nothing to do), 1 when
   *     the post is invalid or publishing failed
   */
  public static int run(PrintStream out, Map<String, String> env) {
    String url = blankToNull(env.get(URL));
    String token = blankToNull(env.get(TOKEN));
    if (url == null || token == null) {
      out.println("This example posts to a real Mastodon account. Set:");
      out.println("  export " + URL + "=https://your.instance        " + (url == null ? "(missing)" : "(set)"));
      out.println("  export " + TOKEN + "=<access token with write:statuses>  " + (token == null ? "(missing)" : "(set)"));
      out.println("  export " + PUBLISH + "=yes   # optional; without it the post is only validated");
      out.println("Nothing to do without them; exiting.");
      return 0;
    }
    boolean publish = "yes".equalsIgnoreCase(env.get(PUBLISH));

    // The registry finds every connector on the class path through ServiceLoader; the raw settings
    // are validated against the provider's ConfigSpec when the connector is first created.
    try (Chorus chorus = Chorus.builder()
        .clock(Clock.systemUTC())
        .connectors(ConnectorRegistry.builder().discover().build())
        .connectorConfig(Platform.MASTODON, Map.of(MastodonProvider.BASE_URL, url, MastodonProvider.ACCESS_TOKEN, token))
        .build()) {
      ActorId me = ActorId.of("me");
      Workspace workspace = chorus.createWorkspace("Personal", ZoneOffset.UTC, ApprovalPolicy.none(), me);
      Session session = chorus.session(me, workspace.id());
      SocialAccount account = session.accounts().connect(new SocialAccount(AccountId.of("mastodon"), workspace.id(),
          Platform.MASTODON, "@me", "me", ZoneOffset.UTC, CredentialsRef.of("env:" + TOKEN)));
      Post post = session.posts().createDraft(
          PostContent.text("Hello from Chorus, an embeddable Java library for social media. #java"),
          List.of(PostTarget.draft(account.id())), null);

      // Offline pre-flight with the platform's own counting rules: nothing is sent.
      Connector connector = chorus.scheduler().connector(Platform.MASTODON).orElseThrow();
      ValidationResult check = connector.validate(
          PublishRequest.of(post, post.targets().get(0), account, "preflight-" + post.id().value()));
      out.println("Connected " + connector.platform().id() + " at " + url + "; the post is "
          + (check.valid() ? "valid" : "invalid"));
      for (Violation violation : check.violations()) {
        out.println("  " + violation.message());
      }
      if (!check.valid()) {
        return 1;
      }
      if (!publish) {
        out.println("Not publishing (set " + PUBLISH + "=yes to post for real).");
        return 0;
      }
      session.posts().submit(post.id(), null);
      session.posts().schedule(post.id(), ScheduleIntent.at(chorus.clock().instant()));
      chorus.scheduler().runUntilIdle(10);
      PostTarget target = session.posts().get(post.id()).targets().get(0);
      out.println("The post is " + target.state()
          + (target.published() == null ? "" : ": " + target.published().url()));
      return target.published() == null ? 1 : 0;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
