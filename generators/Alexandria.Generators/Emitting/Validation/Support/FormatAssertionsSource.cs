namespace Alexandria.Generators.Emitting.Validation.Support
{
    /// <summary>
    /// The <c>format</c> checks generated validators call when format assertion is on: RFC 3339 dates and
    /// times, ISO 8601 durations, RFC 5321 e-mail, RFC 1123 host names, IP addresses, RFC 3986/3987 URIs,
    /// UUIDs, JSON pointers and ECMA-262 regexes. Hand-written parsers, not regexes, so each rule is explicit.
    /// </summary>
    internal static class FormatAssertionsSource
    {
        public const string Text = """
namespace __NAMESPACE__
{
    /// <summary>Format checks for generated validators.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
    internal static class FormatAssertions
    {
        // Date, time, duration and uuid take spans so the streaming validators check them without a string.
        public static bool DateTime(global::System.ReadOnlySpan<char> s)
        {
            var t = global::System.MemoryExtensions.IndexOfAny(s, 'T', 't');
            return t == 10 && Date(s.Slice(0, 10)) && Time(s.Slice(11));
        }

        public static bool Date(global::System.ReadOnlySpan<char> s)
        {
            if (s.Length != 10 || s[4] != '-' || s[7] != '-' || !Digits(s, 0, 4) || !Digits(s, 5, 2) || !Digits(s, 8, 2))
            {
                return false;
            }

            var year = Number(s, 0, 4);
            var month = Number(s, 5, 2);
            var day = Number(s, 8, 2);
            return month >= 1 && month <= 12 && day >= 1 && day <= global::System.DateTime.DaysInMonth(year == 0 ? 2000 : year, month);
        }

        /// <summary>RFC 3339 full-time: the offset is required; a leap second is allowed only at 23:59:60 UTC.</summary>
        public static bool Time(global::System.ReadOnlySpan<char> s)
        {
            if (s.Length < 9 || s[2] != ':' || s[5] != ':' || !Digits(s, 0, 2) || !Digits(s, 3, 2) || !Digits(s, 6, 2))
            {
                return false;
            }

            var hour = Number(s, 0, 2);
            var minute = Number(s, 3, 2);
            var second = Number(s, 6, 2);
            var i = 8;
            if (s[i] == '.')
            {
                var start = ++i;
                while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
                if (i == start) return false;
            }

            if (i >= s.Length) return false;
            int offset;
            if ((s[i] == 'Z' || s[i] == 'z') && i == s.Length - 1)
            {
                offset = 0;
            }
            else if ((s[i] == '+' || s[i] == '-') && s.Length - i == 6 && s[i + 3] == ':' && Digits(s, i + 1, 2) && Digits(s, i + 4, 2))
            {
                var offsetHours = Number(s, i + 1, 2);
                var offsetMinutes = Number(s, i + 4, 2);
                if (offsetHours > 23 || offsetMinutes > 59) return false;
                offset = (offsetHours * 60 + offsetMinutes) * (s[i] == '+' ? 1 : -1);
            }
            else
            {
                return false;
            }

            if (hour > 23 || minute > 59 || second > 60) return false;
            if (second == 60)
            {
                var utc = ((hour * 60 + minute - offset) % 1440 + 1440) % 1440;
                return utc == 23 * 60 + 59;
            }

            return true;
        }

        private static global::System.Text.RegularExpressions.Regex? s_duration;

        /// <summary>
        /// ISO 8601 duration as RFC 3339 appendix A restricts it: units in order and without gaps (P1Y2D is
        /// invalid: days need months), or weeks alone.
        /// </summary>
        public static bool Duration(global::System.ReadOnlySpan<char> s)
            => PatternMatching.Match(s_duration ??= PatternMatching.Create(
                "^P(?:[0-9]+W|(?:[0-9]+Y(?:[0-9]+M(?:[0-9]+D)?)?|[0-9]+M(?:[0-9]+D)?|[0-9]+D)(?:T(?:[0-9]+H(?:[0-9]+M(?:[0-9]+S)?)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S))?|T(?:[0-9]+H(?:[0-9]+M(?:[0-9]+S)?)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S))\\z",
                linear: true), s) == PatternMatch.Matched;

        public static bool Email(string s) => Email(s, international: false);

        public static bool IdnEmail(string s) => Email(s, international: true);

        private static bool Email(string s, bool international)
        {
            var at = s.LastIndexOf('@');
            if (at <= 0 || at == s.Length - 1) return false;
            var local = s.Substring(0, at);
            var domain = s.Substring(at + 1);
            if (local[0] == '"')
            {
                if (local.Length < 2 || local[local.Length - 1] != '"') return false;
                for (var i = 1; i < local.Length - 1; i++)
                {
                    var c = local[i];
                    if (c == '\\') { i++; continue; }
                    if (c == '"' || c < 0x20) return false;
                }
            }
            else
            {
                if (local[0] == '.' || local[local.Length - 1] == '.' || local.Contains("..")) return false;
                foreach (var c in local)
                {
                    if (!(IsAlphaNumeric(c) || "!#$%&'*+-/=?^_`{|}~.".IndexOf(c) >= 0 || (international && c > 0x7F))) return false;
                }
            }

            if (domain[0] == '[' && domain[domain.Length - 1] == ']')
            {
                var literal = domain.Substring(1, domain.Length - 2);
                return literal.StartsWith("IPv6:", global::System.StringComparison.Ordinal) ? Ipv6(literal.Substring(5)) : Ipv4(literal);
            }

            return international ? IdnHostname(domain) : Hostname(domain);
        }

        /// <summary>RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens, 63 and 253 characters at most.</summary>
        public static bool Hostname(string s)
        {
            if (s.Length == 0 || s.Length > 253) return false;
            foreach (var label in s.Split('.'))
            {
                if (label.Length == 0 || label.Length > 63 || label[0] == '-' || label[label.Length - 1] == '-') return false;
                foreach (var c in label)
                {
                    if (!(IsAlphaNumeric(c) || c == '-')) return false;
                }

                // "--" in positions 3-4 is reserved for A-labels (xn--), which must then be valid punycode.
                if (label.Length >= 4 && label[2] == '-' && label[3] == '-')
                {
                    if (!label.StartsWith("xn--", global::System.StringComparison.OrdinalIgnoreCase)) return false;
                    try
                    {
                        var unicode = new global::System.Globalization.IdnMapping().GetUnicode(label);
                        if (!IdnaLabel(unicode) || !IdnaBidi(new[] { unicode })) return false;
                    }
                    catch (global::System.ArgumentException)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        public static bool IdnHostname(string s)
        {
            if (s.Length == 0 || ".\u3002\uFF0E\uFF61".IndexOf(s[s.Length - 1]) >= 0) return false;
            var labels = s.Split('.', '\u3002', '\uFF0E', '\uFF61');
            foreach (var label in labels)
            {
                if (label.Length == 0 || !IdnaLabel(label)) return false;
            }

            if (!IdnaBidi(labels)) return false;
            try
            {
                var ascii = new global::System.Globalization.IdnMapping { UseStd3AsciiRules = true }.GetAscii(s);
                return Hostname(ascii);
            }
            catch (global::System.ArgumentException)
            {
                return false;
            }
        }

        /// <summary>IDNA 2008 (RFC 5891/5892) rules for one U-label: disallowed code points and the contextual rules.</summary>
        private static bool IdnaLabel(string label)
        {
            if (label.Length == 0) return false;
            var first = char.GetUnicodeCategory(label, 0);
            if (first is global::System.Globalization.UnicodeCategory.NonSpacingMark or global::System.Globalization.UnicodeCategory.SpacingCombiningMark or global::System.Globalization.UnicodeCategory.EnclosingMark) return false;
            bool arabicIndic = false, extendedArabicIndic = false, hasJapanese = false, hasKatakanaDot = false;
            for (var i = 0; i < label.Length; i++)
            {
                var c = label[i];
                var previous = i > 0 ? label[i - 1] : '\0';
                var next = i + 1 < label.Length ? label[i + 1] : '\0';
                if ("\u0640\u07FA\u302E\u302F\u3031\u3032\u3033\u3034\u3035\u303B".IndexOf(c) >= 0 || char.IsControl(c) || char.IsWhiteSpace(c)) return false;
                if ((char.IsPunctuation(c) || char.IsSymbol(c)) && c < 0x80 == false && "\u00B7\u0375\u05F3\u05F4\u30FB\u0F0B\u06FD\u06FE".IndexOf(c) < 0) return false;
                switch (c)
                {
                    case '\u00B7': if (previous != 'l' || next != 'l') return false; break;
                    case '\u0375': if (!(next >= '\u0370' && next <= '\u03FF') && !(next >= '\u1F00' && next <= '\u1FFF')) return false; break;
                    case '\u05F3':
                    case '\u05F4': if (!(previous >= '\u0590' && previous <= '\u05FF')) return false; break;
                    case '\u200D': if (!IsVirama(previous)) return false; break;
                    case '\u200C': if (!IsVirama(previous) && !(IsArabicLetter(previous) && IsArabicLetter(next))) return false; break;
                    case '\u30FB': hasKatakanaDot = true; break;
                }

                if (c >= '\u0660' && c <= '\u0669') arabicIndic = true;
                if (c >= '\u06F0' && c <= '\u06F9') extendedArabicIndic = true;
                if ((c >= '\u3040' && c <= '\u30FF' && c != '\u30FB') || (c >= '\u3400' && c <= '\u9FFF')) hasJapanese = true;
            }

            return !(arabicIndic && extendedArabicIndic) && (!hasKatakanaDot || hasJapanese);
        }

        /// <summary>The Bidi rule (RFC 5893) for a domain name that contains right-to-left characters.</summary>
        private static bool IdnaBidi(string[] labels)
        {
            var isBidi = false;
            foreach (var label in labels)
            {
                foreach (var c in label)
                {
                    isBidi |= IsRightToLeft(c) || (c >= '\u0660' && c <= '\u0669');
                }
            }

            if (!isBidi) return true;
            foreach (var label in labels)
            {
                if (label.Length == 0) continue;
                var first = label[0];
                if (IsDigit(first)) return false;
                bool european = false, arabic = false;
                foreach (var c in label)
                {
                    if (IsRightToLeft(first) ? (char.IsLetter(c) && !IsRightToLeft(c)) : (IsRightToLeft(c) || (c >= '\u0660' && c <= '\u0669'))) return false;
                    european |= (c >= '0' && c <= '9') || (c >= '\u06F0' && c <= '\u06F9');
                    arabic |= c >= '\u0660' && c <= '\u0669';
                }

                if (european && arabic) return false;
            }

            return true;
        }

        private static bool IsDigit(char c) => (c >= '0' && c <= '9') || (c >= '\u0660' && c <= '\u0669') || (c >= '\u06F0' && c <= '\u06F9');

        private static bool IsRightToLeft(char c)
            => (c >= '\u0590' && c <= '\u08FF' && !IsDigit(c)) || (c >= '\uFB1D' && c <= '\uFDFF') || (c >= '\uFE70' && c <= '\uFEFF');

        private static bool IsArabicLetter(char c) => c >= '\u0620' && c <= '\u06FF' && char.IsLetter(c);

        private static bool IsVirama(char c) => "\u094D\u09CD\u0A4D\u0ACD\u0B4D\u0BCD\u0C4D\u0CCD\u0D4D\u0DCA\u0E3A\u0F84\u1039\u103A\u1714\u1734\u17D2\u1A60\u1B44\u1BAA\uA806\uA8C4\uA953\uABED".IndexOf(c) >= 0;

        public static bool Ipv4(string s)
        {
            var parts = s.Split('.');
            if (parts.Length != 4) return false;
            foreach (var part in parts)
            {
                if (part.Length == 0 || part.Length > 3 || !Digits(part, 0, part.Length) || (part.Length > 1 && part[0] == '0') || int.Parse(part, global::System.Globalization.CultureInfo.InvariantCulture) > 255)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>RFC 4291 text form: eight groups of 1-4 hex digits, one "::" for a run of zeros, an IPv4 tail allowed.</summary>
        public static bool Ipv6(string s)
        {
            if (s.Length == 0 || s.Length > 45) return false;
            var groups = 0;
            var lastColon = s.LastIndexOf(':');
            if (lastColon < 0) return false;
            if (s.IndexOf('.', lastColon) >= 0)
            {
                if (!Ipv4(s.Substring(lastColon + 1))) return false;
                groups = 2;
                s = s.Substring(0, lastColon + 1) + "0";
                groups--;
            }

            var compressed = s.IndexOf("::", global::System.StringComparison.Ordinal);
            if (compressed >= 0)
            {
                if (s.IndexOf("::", compressed + 1, global::System.StringComparison.Ordinal) >= 0) return false;
                var left = s.Substring(0, compressed);
                var right = s.Substring(compressed + 2);
                if (!HexGroups(left, ref groups) || !HexGroups(right, ref groups)) return false;
                return groups < 8;
            }

            return HexGroups(s, ref groups) && groups == 8;
        }

        private static bool HexGroups(string s, ref int count)
        {
            if (s.Length == 0) return true;
            foreach (var group in s.Split(':'))
            {
                if (group.Length == 0 || group.Length > 4) return false;
                foreach (var c in group)
                {
                    if (!IsHex(c)) return false;
                }

                count++;
            }

            return true;
        }

        public static bool Uuid(global::System.ReadOnlySpan<char> s)
        {
            if (s.Length != 36) return false;
            for (var i = 0; i < 36; i++)
            {
                var dash = i == 8 || i == 13 || i == 18 || i == 23;
                if (dash ? s[i] != '-' : !IsHex(s[i])) return false;
            }

            return true;
        }

        /// <summary>
        /// Uuid on unescaped UTF-8 (the streaming path): a byte that is not ASCII is no hex digit, as such a character is
        /// not. The 32 digits are checked 16 bytes at a time (three overlapping loads; each mask leaves out the dashes).
        /// </summary>
        public static bool Uuid(global::System.ReadOnlySpan<byte> s)
        {
            if (s.Length != 36 || s[8] != (byte)'-' || s[13] != (byte)'-' || s[18] != (byte)'-' || s[23] != (byte)'-') return false;
            if (global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)
            {
                ref var b = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(s);
                return HexMask(global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref b)) == 0xDEFF
                    && HexMask(global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref b, 16)) == 0xFF7B
                    && HexMask(global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref b, 20)) == 0xFFF7;
            }

            for (var i = 0; i < 36; i++)
            {
                if (i != 8 && i != 13 && i != 18 && i != 23 && !IsHex((char)s[i])) return false;
            }

            return true;
        }

        /// <summary>One bit per byte of <paramref name="v"/> that is an ASCII hex digit.</summary>
        private static uint HexMask(global::System.Runtime.Intrinsics.Vector128<byte> v)
        {
            var digit = global::System.Runtime.Intrinsics.Vector128.LessThanOrEqual(v - global::System.Runtime.Intrinsics.Vector128.Create((byte)'0'), global::System.Runtime.Intrinsics.Vector128.Create((byte)9));
            var lower = v | global::System.Runtime.Intrinsics.Vector128.Create((byte)0x20);
            var letter = global::System.Runtime.Intrinsics.Vector128.LessThanOrEqual(lower - global::System.Runtime.Intrinsics.Vector128.Create((byte)'a'), global::System.Runtime.Intrinsics.Vector128.Create((byte)5));
            return global::System.Runtime.Intrinsics.Vector128.ExtractMostSignificantBits(digit | letter);
        }

        /// <summary>
        /// Date-time on unescaped UTF-8 (the streaming path): the usual form, <c>YYYY-MM-DDTHH:MM:SS[.fraction]Z</c>, is
        /// checked on the bytes; any other (an offset, a leap second, a lower-case letter) goes through the text check.
        /// </summary>
        public static bool DateTime(global::System.ReadOnlySpan<byte> s) => UsualDateTime(s) || OnText(s, 0);

        public static bool Date(global::System.ReadOnlySpan<byte> s) => OnText(s, 1);

        public static bool Time(global::System.ReadOnlySpan<byte> s) => OnText(s, 2);

        /// <summary>True only for a valid date-time in the usual form; false says nothing (the text check decides).</summary>
        private static bool UsualDateTime(global::System.ReadOnlySpan<byte> s)
        {
            var last = s.Length - 1;
            if (last < 19 || s[4] != (byte)'-' || s[7] != (byte)'-' || s[10] != (byte)'T' || s[13] != (byte)':' || s[16] != (byte)':' || s[last] != (byte)'Z')
            {
                return false;
            }

            if (last > 19)
            {
                if (s[19] != (byte)'.' || last == 20) return false;
                for (var i = 20; i < last; i++)
                {
                    if ((uint)(s[i] - '0') > 9) return false;
                }
            }

            // An invalid digit pair reads as 999, out of every range below.
            var century = TwoDigits(s, 0);
            var rest = TwoDigits(s, 2);
            var year = century * 100 + rest;
            var month = TwoDigits(s, 5);
            var day = TwoDigits(s, 8);
            return century <= 99 && rest <= 99 && month >= 1 && month <= 12 && day >= 1 && day <= global::System.DateTime.DaysInMonth(year == 0 ? 2000 : year, month)
                && TwoDigits(s, 11) <= 23 && TwoDigits(s, 14) <= 59 && TwoDigits(s, 17) <= 59;
        }

        private static int TwoDigits(global::System.ReadOnlySpan<byte> s, int at)
        {
            var tens = (uint)(s[at] - '0');
            var ones = (uint)(s[at + 1] - '0');
            return tens > 9 || ones > 9 ? 999 : (int)(tens * 10 + ones);
        }

        /// <summary>Date (1), time (2) or date-time (0) on the bytes as text: these formats are ASCII, so any other byte fails them as its character would.</summary>
        private static bool OnText(global::System.ReadOnlySpan<byte> s, int format)
        {
            char[]? rented = null;
            var buffer = s.Length <= 64 ? stackalloc char[64] : (rented = global::System.Buffers.ArrayPool<char>.Shared.Rent(s.Length));
            var ascii = global::System.Text.Ascii.ToUtf16(s, buffer, out var length) == global::System.Buffers.OperationStatus.Done;
            var text = buffer.Slice(0, length);
            var valid = ascii && (format == 0 ? DateTime(text) : format == 1 ? Date(text) : Time(text));
            if (rented is not null) global::System.Buffers.ArrayPool<char>.Shared.Return(rented);
            return valid;
        }

        public static bool Uri(global::System.ReadOnlySpan<char> s) => UriCore(s, requireScheme: true, international: false);

        public static bool UriReference(global::System.ReadOnlySpan<char> s) => UriCore(s, requireScheme: false, international: false);

        public static bool Iri(global::System.ReadOnlySpan<char> s) => UriCore(s, requireScheme: true, international: true);

        public static bool IriReference(global::System.ReadOnlySpan<char> s) => UriCore(s, requireScheme: false, international: true);

        /// <summary>RFC 3986 syntax: scheme, authority (with host and port checked), path, query and fragment characters.</summary>
        private static bool UriCore(global::System.ReadOnlySpan<char> s, bool requireScheme, bool international)
        {
            var rest = s;
            var colon = IndexOf(s, ':');
            var hasScheme = colon > 0 && IsScheme(s.Slice(0, colon)) && global::System.MemoryExtensions.IndexOfAny(s.Slice(0, colon), '/', '?', '#') < 0;
            if (hasScheme)
            {
                rest = s.Slice(colon + 1);
            }
            else if (requireScheme)
            {
                return false;
            }

            var hash = IndexOf(rest, '#');
            if (hash >= 0)
            {
                if (!UriChars(rest.Slice(hash + 1), "/?:@!$&'()*+,;=", international)) return false;
                rest = rest.Slice(0, hash);
            }

            var query = IndexOf(rest, '?');
            if (query >= 0)
            {
                if (!UriChars(rest.Slice(query + 1), "/?:@!$&'()*+,;=", international)) return false;
                rest = rest.Slice(0, query);
            }

            if (rest.Length >= 2 && rest[0] == '/' && rest[1] == '/')
            {
                var slash = IndexOf(rest.Slice(2), '/');
                var authority = slash < 0 ? rest.Slice(2) : rest.Slice(2, slash);
                rest = slash < 0 ? global::System.ReadOnlySpan<char>.Empty : rest.Slice(slash + 2);
                var at = global::System.MemoryExtensions.LastIndexOf(authority, '@');
                if (at >= 0)
                {
                    if (!UriChars(authority.Slice(0, at), ":!$&'()*+,;=", international)) return false;
                    authority = authority.Slice(at + 1);
                }

                if (authority.Length > 0 && authority[0] == '[')
                {
                    var close = IndexOf(authority, ']');
                    if (close < 0 || !IpLiteral(authority.Slice(1, close - 1))) return false;
                    authority = authority.Slice(close + 1);
                    if (authority.Length > 0 && (authority[0] != ':' || !Digits(authority, 1, authority.Length - 1))) return false;
                }
                else
                {
                    var portColon = global::System.MemoryExtensions.LastIndexOf(authority, ':');
                    if (portColon >= 0)
                    {
                        if (!Digits(authority, portColon + 1, authority.Length - portColon - 1)) return false;
                        authority = authority.Slice(0, portColon);
                    }

                    if (!UriChars(authority, "!$&'()*+,;=", international)) return false;
                }
            }
            else if (!hasScheme)
            {
                // A relative reference's first segment may not contain ':' (it would read as a scheme).
                var firstSlash = IndexOf(rest, '/');
                var first = firstSlash < 0 ? rest : rest.Slice(0, firstSlash);
                if (IndexOf(first, ':') >= 0) return false;
            }

            return UriChars(rest, "/:@!$&'()*+,;=", international);
        }

        private static int IndexOf(global::System.ReadOnlySpan<char> s, char c) => global::System.MemoryExtensions.IndexOf(s, c);

        /// <summary>The inside of "[…]" in a URI host: an IPv6 address or an IPvFuture ("v" hex "." …).</summary>
        private static bool IpLiteral(global::System.ReadOnlySpan<char> s)
        {
            if (s.Length > 0 && (s[0] == 'v' || s[0] == 'V'))
            {
                var dot = IndexOf(s, '.');
                if (dot < 2) return false;
                for (var i = 1; i < dot; i++)
                {
                    if (!IsHex(s[i])) return false;
                }

                return dot < s.Length - 1 && UriChars(s.Slice(dot + 1), ":!$&'()*+,;=", false);
            }

            return Ipv6(s.ToString());
        }

        private static bool IsScheme(global::System.ReadOnlySpan<char> scheme)
        {
            if (scheme.Length == 0 || !IsAsciiLetter(scheme[0])) return false;
            foreach (var c in scheme)
            {
                if (!(IsAlphaNumeric(c) || c == '+' || c == '-' || c == '.')) return false;
            }

            return true;
        }

        private static bool UriChars(global::System.ReadOnlySpan<char> s, string allowed, bool international)
        {
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (c == '%')
                {
                    if (i + 2 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2])) return false;
                    i += 2;
                }
                else if (!(IsAlphaNumeric(c) || c == '-' || c == '.' || c == '_' || c == '~' || allowed.IndexOf(c) >= 0 || (international && c > 0x7F && !char.IsWhiteSpace(c) && !char.IsControl(c))))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>RFC 6570 level 4 syntax: literals, and expressions of an optional operator and comma-separated varspecs.</summary>
        public static bool UriTemplate(string s)
        {
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (c == '{')
                {
                    var close = s.IndexOf('}', i);
                    if (close < 0 || !UriTemplateExpression(s.Substring(i + 1, close - i - 1))) return false;
                    i = close;
                }
                else if (c == '%')
                {
                    if (i + 2 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2])) return false;
                    i += 2;
                }
                else if (c <= ' ' || c == 0x7F || "\"<>\\^`|}".IndexOf(c) >= 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool UriTemplateExpression(string e)
        {
            if (e.Length > 0 && "+#./;?&".IndexOf(e[0]) >= 0) e = e.Substring(1);
            foreach (var spec in e.Split(','))
            {
                var name = spec;
                if (name.EndsWith("*", global::System.StringComparison.Ordinal))
                {
                    name = name.Substring(0, name.Length - 1);
                }
                else
                {
                    var colon = name.IndexOf(':');
                    if (colon >= 0)
                    {
                        var max = name.Substring(colon + 1);
                        if (max.Length == 0 || max.Length > 4 || max[0] == '0' || !Digits(max, 0, max.Length)) return false;
                        name = name.Substring(0, colon);
                    }
                }

                if (name.Length == 0 || name[0] == '.' || name[name.Length - 1] == '.' || name.Contains("..")) return false;
                for (var i = 0; i < name.Length; i++)
                {
                    var c = name[i];
                    if (c == '%')
                    {
                        if (i + 2 >= name.Length || !IsHex(name[i + 1]) || !IsHex(name[i + 2])) return false;
                        i += 2;
                    }
                    else if (!(IsAlphaNumeric(c) || c == '_' || c == '.'))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        public static bool JsonPointer(string s)
        {
            if (s.Length > 0 && s[0] != '/') return false;
            for (var i = 0; i < s.Length; i++)
            {
                if (s[i] == '~' && (i + 1 >= s.Length || (s[i + 1] != '0' && s[i + 1] != '1'))) return false;
            }

            return true;
        }

        public static bool RelativeJsonPointer(string s)
        {
            var i = 0;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
            if (i == 0 || (i > 1 && s[0] == '0')) return false;
            var rest = s.Substring(i);
            if (rest.Length > 0 && rest[0] == '+' || rest.Length > 0 && rest[0] == '-')
            {
                var j = 1;
                while (j < rest.Length && rest[j] >= '0' && rest[j] <= '9') j++;
                if (j == 1 || (j > 2 && rest[1] == '0') || rest[1] == '0' && j == 2 && false) return false;
                if (rest[1] == '0') return false;
                rest = rest.Substring(j);
            }

            return rest == "#" || JsonPointer(rest);
        }

        /// <summary>An ECMA-262 pattern: .NET must compile it, and .NET-only escapes such as \a, \Z and \A are rejected.</summary>
        public static bool Regex(string s)
        {
            for (var i = 0; i < s.Length - 1; i++)
            {
                if (s[i] == '\\')
                {
                    if ("aAZzeG".IndexOf(s[i + 1]) >= 0) return false;
                    i++;
                }
                else if (s[i] == '(' && s[i + 1] == '?' && (i + 2 >= s.Length || ":=!<".IndexOf(s[i + 2]) < 0))
                {
                    // ECMA-262 groups are (?: (?= (?! (?<= (?<! (?<name>; inline flags and comments are not.
                    return false;
                }
            }

            try
            {
                // ECMA's "[]" (matches nothing) and "[^]" (matches anything) have no .NET spelling.
                // Only parsed, never matched; the limit is there so that no Regex of a validator is without one.
                _ = new global::System.Text.RegularExpressions.Regex(s.Replace("[^]", "[\\s\\S]").Replace("[]", "(?!)"),
                    global::System.Text.RegularExpressions.RegexOptions.None, PatternMatching.Timeout);
                return true;
            }
            catch (global::System.ArgumentException)
            {
                return false;
            }
        }

        private static bool Digits(global::System.ReadOnlySpan<char> s, int start, int length)
        {
            if (length <= 0 || start + length > s.Length) return false;
            for (var i = start; i < start + length; i++)
            {
                if (s[i] < '0' || s[i] > '9') return false;
            }

            return true;
        }

        /// <summary>The value of ASCII digits <see cref="Digits"/> has checked; summed by hand, as int.Parse costs more than the whole check.</summary>
        private static int Number(global::System.ReadOnlySpan<char> s, int start, int length)
        {
            var value = 0;
            for (var i = start; i < start + length; i++)
            {
                value = value * 10 + (s[i] - '0');
            }

            return value;
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static bool IsAlphaNumeric(char c) => IsAsciiLetter(c) || (c >= '0' && c <= '9');
    }
}
""";
    }
}
