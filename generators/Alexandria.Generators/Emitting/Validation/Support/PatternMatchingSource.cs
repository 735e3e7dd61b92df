namespace Alexandria.Generators.Emitting.Validation.Support
{
    /// <summary>
    /// How generated validators build and run the contracts' patterns: on the linear NonBacktracking engine where the
    /// generator found the pattern allows it (<see cref="LinearPatterns"/>), else on the compiled backtracking engine;
    /// always with a match time limit from one setting, so a match that runs long is a validation error (the value is
    /// refused) and never an exception or a hang.
    /// </summary>
    internal static class PatternMatchingSource
    {
        public const string Text = """
namespace __NAMESPACE__
{
    /// <summary>What matching one pattern gave.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    internal enum PatternMatch
    {
        NoMatch,
        Matched,

        /// <summary>The match ran past <see cref="PatternMatching.Timeout"/>: the value is refused.</summary>
        TimedOut,
    }

    /// <summary>Ends a validation whose pattern ran past the time limit; the validator catches it and refuses the instance with <see cref="Error"/>.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    internal sealed class PatternTimeoutException : global::System.Exception
    {
        public PatternTimeoutException(ValidationError error)
            : base(error.Message)
        {
            Error = error;
        }

        public ValidationError Error { get; }
    }

    /// <summary>
    /// Builds and runs the patterns of generated validators. Every match has a time limit, read once per process
    /// (when this assembly first matches a pattern) from the AppContext setting <c>Alexandria.Validation.PatternTimeout</c>:
    /// milliseconds (<c>500</c>) or a TimeSpan (<c>00:00:00.5</c>); 250 ms when unset, not positive or not readable.
    /// Set it in the project (<c>&lt;RuntimeHostConfigurationOption Include="Alexandria.Validation.PatternTimeout" Value="500" /&gt;</c>),
    /// in runtimeconfig.json, or with <c>AppContext.SetData</c> before the first validation.
    /// </summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
    internal static class PatternMatching
    {
        public const string TimeoutSetting = "Alexandria.Validation.PatternTimeout";

        public static readonly global::System.TimeSpan DefaultTimeout = global::System.TimeSpan.FromMilliseconds(250);

        /// <summary>
        /// The limit of one match. Regexes are built on first use and keep the limit they were built with, so it is read
        /// once: every pattern of the assembly gets the same value, and changing the setting later changes nothing.
        /// </summary>
        public static global::System.TimeSpan Timeout { get; } = ParseTimeout(global::System.AppContext.GetData(TimeoutSetting));

        /// <summary>The setting's value as a limit: a TimeSpan, a number of milliseconds, or text holding either.</summary>
        public static global::System.TimeSpan ParseTimeout(object? value)
        {
            switch (value)
            {
                case global::System.TimeSpan span:
                    return Milliseconds(span.TotalMilliseconds);
                case int ms:
                    return Milliseconds(ms);
                case long ms:
                    return Milliseconds(ms);
                case double ms:
                    return Milliseconds(ms);
                case string text:
                    // Milliseconds first: as a TimeSpan, "500" would be 500 days.
                    if (double.TryParse(text, global::System.Globalization.NumberStyles.Float, global::System.Globalization.CultureInfo.InvariantCulture, out var number))
                    {
                        return Milliseconds(number);
                    }

                    return global::System.TimeSpan.TryParse(text, global::System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                        ? Milliseconds(parsed.TotalMilliseconds)
                        : DefaultTimeout;
                default:
                    return DefaultTimeout;
            }
        }

        /// <summary>Regex takes limits from 1 ms up to about 24 days; anything else (0, negative, NaN) is the default.</summary>
        private static global::System.TimeSpan Milliseconds(double ms)
            => ms >= 1 && ms < int.MaxValue ? global::System.TimeSpan.FromMilliseconds(ms) : DefaultTimeout;

        /// <summary>
        /// A pattern's regex. <paramref name="linear"/>: built for NonBacktracking (matching time linear in the input);
        /// should the engine refuse it (its automaton would pass the engine's size limit), the backtracking engine runs it,
        /// still under the limit. The translation matches each code point one way, so only the pattern's own
        /// constructs can make backtracking slow.
        /// </summary>
        public static global::System.Text.RegularExpressions.Regex Create(string pattern, bool linear)
        {
            if (linear)
            {
                try
                {
                    return new global::System.Text.RegularExpressions.Regex(pattern,
                        global::System.Text.RegularExpressions.RegexOptions.CultureInvariant | global::System.Text.RegularExpressions.RegexOptions.NonBacktracking, Timeout);
                }
                catch (global::System.NotSupportedException)
                {
                }
            }

            // Compiled: the interpreter costs ~0.5-1.5 µs a match on the contracts' id patterns, more than reading the value.
            return new global::System.Text.RegularExpressions.Regex(pattern,
                global::System.Text.RegularExpressions.RegexOptions.CultureInvariant | global::System.Text.RegularExpressions.RegexOptions.Compiled, Timeout);
        }

        public static PatternMatch Match(global::System.Text.RegularExpressions.Regex regex, global::System.ReadOnlySpan<char> text)
        {
            try
            {
                return regex.IsMatch(text) ? PatternMatch.Matched : PatternMatch.NoMatch;
            }
            catch (global::System.Text.RegularExpressions.RegexMatchTimeoutException)
            {
                return PatternMatch.TimedOut;
            }
        }

        /// <summary>"… took longer than 250 ms to match the pattern ^x$; the value is refused".</summary>
        public static string TookTooLong(string shown, string pattern, string refused)
            => shown + " took longer than " + Timeout.TotalMilliseconds.ToString("0.###", global::System.Globalization.CultureInfo.InvariantCulture)
               + " ms to match the pattern " + pattern + "; " + refused + " is refused";
    }
}
""";
    }
}
