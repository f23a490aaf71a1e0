package dev.snapfusion.link.virtual;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Numbers as a C++ {@code std::ostream} prints them, for output that must read like TFLite's: the default format
 * ({@code %g} with 6 significant digits and no trailing zeros: {@code 1874.2}, {@code 4e-05}, {@code 1.23457e+06}) and
 * {@code std::fixed} with 3 decimals in a right-aligned field. Stateless.
 */
final class CppFormat {
    private static final int PRECISION = 6;

    private CppFormat() {
    }

    /** {@code stream << v} with the stream's default flags. */
    static String general(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return "0";
        BigDecimal d = new BigDecimal(v).round(new MathContext(PRECISION, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent >= -4 && exponent < PRECISION) return d.toPlainString();
        String digits = d.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d.signum() < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    /** TFLite's InitField: a tab, then {@code s} right-aligned in {@code width} characters. */
    static String field(int width, String s) {
        return "\t" + String.format(Locale.ROOT, "%" + width + "s", s);
    }

    /** {@code std::fixed << std::setprecision(3)}. */
    static String fixed3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
