package dev.chorus.connector.pinterest;

/** Who sees a board: Pinterest's {@code privacy} values. */
public enum BoardPrivacy {
  /** Everyone. */
  PUBLIC,
  /** Only the owner and collaborators; hidden from the profile. */
  PROTECTED,
  /** Only the owner and collaborators. */
  SECRET
}
