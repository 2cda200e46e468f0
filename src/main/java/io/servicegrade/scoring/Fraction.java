package io.servicegrade.scoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * An exact quotient of two decimals, for the values that a division would otherwise cut short (a mean of three
 * ratings, a mean of three scores): kept whole until the one rounding for display, and compared exactly, so that a
 * value exactly at a threshold reaches it and equal values tie. The denominator is always positive.
 */
public record Fraction(BigDecimal numerator, BigDecimal denominator) implements Comparable<Fraction> {

    public static final Fraction ZERO = of(BigDecimal.ZERO);

    public Fraction {
        if (denominator.signum() <= 0) {
            throw new IllegalArgumentException("a fraction's denominator must be positive: " + denominator);
        }
    }

    public static Fraction of(BigDecimal value) {
        return new Fraction(value, BigDecimal.ONE);
    }

    public static Fraction of(BigDecimal numerator, BigDecimal denominator) {
        return new Fraction(numerator, denominator);
    }

    public Fraction plus(Fraction other) {
        if (denominator.compareTo(other.denominator) == 0) {
            return new Fraction(numerator.add(other.numerator), denominator);
        }
        return new Fraction(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public Fraction times(BigDecimal factor) {
        return new Fraction(numerator.multiply(factor), denominator);
    }

    /** This divided by a positive {@code divisor}. */
    public Fraction over(BigDecimal divisor) {
        return new Fraction(numerator, denominator.multiply(divisor));
    }

    /** This, or {@code cap} when that is less. */
    public Fraction atMost(BigDecimal cap) {
        return numerator.compareTo(cap.multiply(denominator)) > 0 ? of(cap) : this;
    }

    /** Rounded once to {@code scale} decimals, half up: the division rounds the exact quotient. */
    public BigDecimal rounded(int scale) {
        return numerator.divide(denominator, scale, RoundingMode.HALF_UP);
    }

    /** A decimal to {@code precision} significant digits, for figures that are shown, never compared. */
    public BigDecimal decimal(MathContext precision) {
        return denominator.compareTo(BigDecimal.ONE) == 0 ? numerator : numerator.divide(denominator, precision);
    }

    @Override
    public int compareTo(Fraction other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    public int compareTo(BigDecimal value) {
        return numerator.compareTo(value.multiply(denominator));
    }
}
