package dev.chorus.store;

import static dev.chorus.store.StoreSamples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.internal.jdbc.SchemaMigrator;
import dev.chorus.model.Post;
import dev.chorus.model.PostContent;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on H2 in file mode: one durable node. Each test gets its own database file. */
class H2FileStoreTest extends JdbcStoreContract {

  @TempDir
  Path dir;

  private JdbcDataSource dataSource;

  static JdbcDataSource h2(Path file) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    return ds;
  }

  @Override
  DataSource dataSource() {
    if (dataSource == null) {
      dataSource = h2(dir.resolve("chorus"));
    }
    return dataSource;
  }

  @Override
  DataSource anotherDataSource() {
    return h2(dir.resolve("other"));
  }

  @AfterEach
  void shutDown() {
    execute(dataSource(), "SHUTDOWN");
    JdbcDataSource other = h2(dir.resolve("other"));
    if (dir.resolve("other.mv.db").toFile().exists()) {
      execute(other, "SHUTDOWN");
    }
  }

  @Test
  void what_was_written_survives_closing_and_reopening_the_file() {
    store.insertWorkspace(StoreSamples.workspace(WS));
    store.saveAccount(StoreSamples.account(WS, "acc-x"));
    store.saveCampaign(StoreSamples.campaign(WS, "camp-spring"));
    store.saveAudience(StoreSamples.audience(WS, "aud-1"));
    Post post = StoreSamples.richPost(WS, "post-spring");
    store.insertPost(post);
    Post next = new Post(post.id(), WS, post.campaignId(), PostContent.text("v4"), post.targets(), post.pillar(),
        post.createdBy(), post.createdAt(), T0.plusSeconds(5), 4);
    store.updatePost(3, next, List.of(StoreSamples.entry(post, "first"), StoreSamples.entry(post, "second")));

    execute(dataSource(), "SHUTDOWN");
    JdbcDataSource reopened = h2(dir.resolve("chorus"));
    assertThat(SchemaMigrator.migrate(reopened, SchemaMigrator.ALL)).isEmpty();
    ChorusStore again = ChorusStore.jdbc(reopened);
    dataSource = reopened;

    assertThat(again.workspace(WS)).contains(StoreSamples.workspace(WS));
    assertThat(again.accounts(WS)).containsExactly(StoreSamples.account(WS, "acc-x"));
    assertThat(again.campaigns(WS)).containsExactly(StoreSamples.campaign(WS, "camp-spring"));
    assertThat(again.audiences(WS)).containsExactly(StoreSamples.audience(WS, "aud-1"));
    assertThat(again.post(WS, post.id())).contains(next);
    assertThat(again.audit(WS, post.id())).extracting(e -> e.reason()).containsExactly("first", "second");
    assertThat(versions(reopened)).containsExactly(1, 2, 3, 5, 6, 7, 8);
  }
}
