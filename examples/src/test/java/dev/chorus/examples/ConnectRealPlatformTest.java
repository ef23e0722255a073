package dev.chorus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectRealPlatformTest {

  private static String[] run(Map<String, String> env) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = ConnectRealPlatform.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), env);
    return new String[] {String.valueOf(status), bytes.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void without_the_variables_it_explains_them_and_exits_0() {
    String[] result = run(Map.of());
    assertThat(result[0]).isEqualTo("0");
    assertThat(result[1]).contains("export CHORUS_MASTODON_URL=").contains("export CHORUS_MASTODON_TOKEN=")
        .contains("CHORUS_MASTODON_PUBLISH=yes").contains("Nothing to do without them");
  }

  @Test
  void with_only_the_token_it_names_the_missing_url_and_never_prints_the_token() {
    String[] result = run(Map.of("CHORUS_MASTODON_TOKEN", "s3cr3t-token-value", "CHORUS_MASTODON_URL", " "));
    assertThat(result[0]).isEqualTo("0");
    assertThat(result[1]).containsPattern("CHORUS_MASTODON_URL=\\S+\\s+\\(missing\\)")
        .containsPattern("CHORUS_MASTODON_TOKEN=.*\\(set\\)").doesNotContain("s3cr3t-token-value");
  }
}
