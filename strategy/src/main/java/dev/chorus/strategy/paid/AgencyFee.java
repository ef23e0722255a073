package dev.chorus.strategy.paid;

import dev.chorus.InvalidValueException;
import dev.chorus.model.Checks;
import dev.chorus.model.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An agency's fee as a percentage of media spend, the common way agencies bill paid social. The
 * fee of a group is taken on the group's total media spend and rounded once, half to even, to the
 * currency's minor unit (so a month's fee is not the sum of thirty rounded daily fees).
 *
 * @param percent the fee in percent of media spend, for example {@code 15} for 15 %
 */
public record AgencyFee(BigDecimal percent) {

  public AgencyFee {
    Checks.required("agencyFee.percent", percent);
    if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new InvalidValueException("agencyFee.percent", percent.toPlainString(), "must be 0-100");
    }
  }

  /** No fee (the brand buys its own media). */
  public static AgencyFee none() {
    return new AgencyFee(BigDecimal.ZERO);
  }

  /** A fee of {@code percent} % of media spend, for example {@code "12.5"}. */
  public static AgencyFee percent(String percent) {
    Checks.notBlank("agencyFee.percent", percent);
    try {
      return new AgencyFee(new BigDecimal(percent.strip()));
    } catch (NumberFormatException e) {
      throw new InvalidValueException("agencyFee.percent", percent, "is not a decimal number");
    }
  }

  /** The fee on this media spend: spend × percent ÷ 100, half-even to the currency's minor unit. */
  public Money on(Money mediaSpend) {
    Checks.required("mediaSpend", mediaSpend);
    int scale = Math.max(0, mediaSpend.currency().getDefaultFractionDigits());
    BigDecimal fee = mediaSpend.amount().multiply(percent).movePointLeft(2).setScale(scale, RoundingMode.HALF_EVEN);
    return new Money(fee, mediaSpend.currency());
  }
}
