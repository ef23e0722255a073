package dev.chorus.calendar;

/**
 * One problem in an imported file.
 *
 * @param row the 1-based row in the file, the header being row 1 (as a spreadsheet numbers it)
 * @param column the column name
 * @param value the value found (empty when missing)
 * @param reason what is wrong with it
 */
public record RowError(int row, String column, String value, String reason) {

  @Override
  public String toString() {
    return "row " + row + ", column " + column + " ('" + value + "'): " + reason;
  }
}
