package dev.chorus.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.internal.jdbc.SchemaMigrator;
import dev.chorus.model.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox store contract on H2 in file mode, plus durability across closing and reopening the file. */
class H2InboxStoreTest extends JdbcInboxStoreContract {

  @TempDir
  Path dir;

  @Override
  DataSource freshDatabase() {
    return InboxDatabases.h2File(dir.resolve("inbox"));
  }

  @AfterEach
  void shutDown() {
    InboxDatabases.execute(dataSource, "SHUTDOWN");
  }

  @Test
  void what_was_written_survives_closing_and_reopening_the_file() {
    InboxItem item = item(WS, "c1", Platform.X, "x1", T0);
    store.addItem(item);
    Conversation conversation = store.addConversation(conversation(WS, "c1", T0));
    Conversation edited = store.updateConversation(WS, conversation.id(),
        c -> c.withAssignee(AMY).withNote(new Note(AMY, "on it", T0)));
    SyncCursor cursor = new SyncCursor(ACC, T0, "next", T0.plusSeconds(1));
    store.saveCursor(WS, cursor);
    ReplyAttempt started = store.startReply(attempt(WS, "k1", "Thanks"));
    InboxRule rule = new InboxRule("vip", InboxRule.Match.AUTHOR, "@big", Set.of("vip"), null, null, false);
    store.saveRule(WS, rule);
    store.saveSavedReply(WS, new SavedReply("hi", "Hi {author_handle}"));
    store.saveHoldingStatements(WS, List.of(new HoldingStatement("outage", "We are on it.")));
    CrisisState crisis = store.updateCrisis(WS, c -> new CrisisState(WS, true, "amy", "outage", T0, true));

    InboxDatabases.execute(dataSource, "SHUTDOWN");
    dataSource = InboxDatabases.h2File(dir.resolve("inbox"));
    assertThat(SchemaMigrator.migrate(dataSource, SchemaMigrator.ALL)).isEmpty();
    InboxStore again = InboxStore.jdbc(dataSource);

    assertThat(again.item(Platform.X, "x1")).contains(item);
    assertThat(again.addItem(item)).isFalse();
    assertThat(again.conversation(WS, conversation.id())).contains(edited);
    assertThat(again.cursor(WS, ACC)).contains(cursor);
    assertThat(again.startReply(attempt(WS, "k1", "Other"))).isEqualTo(started);
    assertThat(again.replies(WS)).containsExactly(started);
    assertThat(again.rules(WS)).containsExactly(rule);
    assertThat(again.savedReplies(WS)).containsExactly(new SavedReply("hi", "Hi {author_handle}"));
    assertThat(again.holdingStatements(WS)).containsExactly(new HoldingStatement("outage", "We are on it."));
    assertThat(again.crisis(WS)).isEqualTo(crisis);
  }
}
