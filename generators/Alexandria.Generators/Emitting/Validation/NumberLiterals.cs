using System.Globalization;

namespace Alexandria.Generators.Emitting.Validation
{
    /// <summary>
    /// C# literals for schema numbers: decimal when the value fits exactly (so 0.0001 stays 0.0001), double
    /// otherwise (1e308), so generated comparisons are exact wherever decimal can be.
    /// </summary>
    internal static class NumberLiterals
    {
        public static string For(string text)
        {
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
                && (exact != 0m || !HasNonZeroDigit(text))
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var approx)
                && Precise(text, exact))
            {
                return exact.ToString(CultureInfo.InvariantCulture) + "m";
            }

            var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
            if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
            return value.ToString("R", CultureInfo.InvariantCulture) + "d";
        }

        /// <summary>Whether decimal kept every significant digit of <paramref name="text"/> (it silently rounds past 28).</summary>
        private static bool Precise(string text, decimal value)
        {
            var mantissa = text.Split('e', 'E')[0].Replace("-", "").Replace(".", "").TrimStart('0').TrimEnd('0');
            var kept = value.ToString(CultureInfo.InvariantCulture).Replace("-", "").Replace(".", "").TrimStart('0').TrimEnd('0');
            return mantissa == kept;
        }

        private static bool HasNonZeroDigit(string text)
        {
            foreach (var c in text.Split('e', 'E')[0])
            {
                if (c >= '1' && c <= '9') return true;
            }

            return false;
        }
    }
}
