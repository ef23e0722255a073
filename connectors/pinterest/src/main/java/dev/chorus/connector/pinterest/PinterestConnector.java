package dev.chorus.connector.pinterest;

import dev.chorus.connector.Connector;
import dev.chorus.connector.Page;
import dev.chorus.model.SocialAccount;
import java.time.LocalDate;

/**
 * A {@link Connector} to Pinterest API v5. Besides the SPI it lists and creates the account's boards
 * (a pin always goes to a board) and reads a pin's analytics over a date range.
 */
public interface PinterestConnector extends Connector {

  /** The most boards Pinterest lists per page. */
  int MAX_BOARD_PAGE_SIZE = 250;

  /**
   * One page of the account's boards ({@code GET /v5/boards}).
   *
   * @param bookmark the bookmark of the previous page's {@link Page#nextCursor()}, or {@code null}
   *     for the first page
   * @param pageSize 1 to {@link #MAX_BOARD_PAGE_SIZE}
   * @throws dev.chorus.InvalidValueException when the page size is out of range (nothing is sent)
   */
  Page<Board> boards(SocialAccount account, String bookmark, int pageSize);

  /**
   * Creates a board ({@code POST /v5/boards}).
   *
   * @param description the description, or {@code null}
   * @throws dev.chorus.InvalidValueException when the name is blank or too long (nothing is sent)
   */
  Board createBoard(SocialAccount account, String name, String description, BoardPrivacy privacy);

  /**
   * The pin's analytics from {@code startDate} to {@code endDate} (UTC days, both included). Pinterest
   * serves at most {@link PinterestConnectorProvider#ANALYTICS_MAX_DAYS} days back and a range of at
   * most that many days; a range outside that is rejected here, not split.
   *
   * @throws dev.chorus.InvalidValueException when the range is reversed, too long or starts too far
   *     in the past (nothing is sent)
   */
  PinAnalytics pinAnalytics(SocialAccount account, String pinId, LocalDate startDate, LocalDate endDate);
}
