package dev.chorus.model;

import dev.chorus.InvalidValueException;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * A non-negative amount of money in one currency. Amounts are exact decimals; arithmetic between
 * different currencies is refused rather than guessed.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

  public Money {
    Checks.required("money.amount", amount);
    Checks.required("money.currency", currency);
    if (amount.signum() < 0) {
      throw new InvalidValueException("money.amount", amount.toPlainString(), "must not be negative");
    }
    // One canonical scale per value so that 12.5 EUR equals 12.50 EUR: the currency's minor
    // unit, or more where sub-unit precision is given (CPM and CPC figures need it).
    BigDecimal stripped = amount.stripTrailingZeros();
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    amount = stripped.scale() < digits ? stripped.setScale(digits) : stripped;
  }

  /** Parses an amount such as {@code "12.50"} in an ISO 4217 currency such as {@code "EUR"}. */
  public static Money of(String amount, String currencyCode) {
    BigDecimal value;
    try {
      value = new BigDecimal(Checks.notBlank("money.amount", amount).trim());
    } catch (NumberFormatException e) {
      throw new InvalidValueException("money.amount", amount, "is not a decimal number");
    }
    return new Money(value, currency(currencyCode));
  }

  /** The amount in the currency. */
  public static Money of(BigDecimal amount, String currencyCode) {
    return new Money(amount, currency(currencyCode));
  }

  /** Zero in the currency. */
  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  /** Resolves an ISO 4217 code, rejecting unknown ones with a typed error. */
  public static Currency currency(String code) {
    Checks.notBlank("money.currency", code);
    try {
      return Currency.getInstance(code.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("money.currency", code, "is not an ISO 4217 currency code");
    }
  }

  /** The sum; both amounts must share a currency. */
  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  /** True when this amount exceeds the other; both must share a currency. */
  public boolean isGreaterThan(Money other) {
    return compareTo(other) > 0;
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new InvalidValueException(
          "money.currency", other.currency.getCurrencyCode(), "must be " + currency.getCurrencyCode());
    }
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}
