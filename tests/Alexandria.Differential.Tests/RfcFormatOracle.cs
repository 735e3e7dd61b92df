using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace Alexandria.Differential.Tests;

/// <summary>
/// An independent judge of the formats the contracts use, written from the RFCs' ABNF (not from Alexandria's
/// generated checks): when Alexandria and NJsonSchema disagree on a format, this decides who is wrong.
/// RFC 3339 §5.6 (date-time, full-date, full-time), RFC 4122 §3 (uuid), RFC 3986 §3–§4.1 (uri, uri-reference).
/// </summary>
public static class RfcFormatOracle
{
    /// <summary>Whether the RFC accepts <paramref name="value"/> as <paramref name="format"/>; null for a format it does not judge.</summary>
    public static bool? Accepts(string format, string value) => format switch
    {
        "date-time" => IsDateTime(value),
        "date" => IsFullDate(value),
        "time" => IsFullTime(value),
        "uuid" => Uuid.IsMatch(value),
        "uri" => IsUriReference(value) && Scheme.IsMatch(value),
        "uri-reference" => IsUriReference(value),
        _ => null,
    };

    // RFC 4122 §3: 8-4-4-4-12 hexadecimal digits, nothing around them ("\z", not "$": a trailing newline is data).
    private static readonly Regex Uuid = new(@"\A[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\z", RegexOptions.CultureInvariant);

    // RFC 3339 §5.6 full-date "T" full-time, "T"/"Z" case-insensitive (§5.6 note).
    private static readonly Regex FullDate = new(@"\A([0-9]{4})-([0-9]{2})-([0-9]{2})\z", RegexOptions.CultureInvariant);
    private static readonly Regex FullTime = new(@"\A([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?([Zz]|([+-])([0-9]{2}):([0-9]{2}))\z", RegexOptions.CultureInvariant);

    // RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) followed by ":".
    private static readonly Regex Scheme = new(@"\A[A-Za-z][A-Za-z0-9+.\-]*:", RegexOptions.CultureInvariant);

    private static bool IsDateTime(string value)
    {
        var t = value.IndexOfAny(['T', 't']);
        return t == 10 && IsFullDate(value[..t]) && IsFullTime(value[(t + 1)..]);
    }

    private static bool IsFullDate(string value)
    {
        var match = FullDate.Match(value);
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        // §5.7: month 01–12, day limited by month and (for February) the Gregorian leap-year rule of Appendix C.
        return month is >= 1 and <= 12 && day >= 1 && day <= DaysIn(year, month);
    }

    private static int DaysIn(int year, int month) => month switch
    {
        2 => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static bool IsFullTime(string value)
    {
        var match = FullTime.Match(value);
        if (!match.Success)
        {
            return false;
        }

        int Field(int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        int hour = Field(1), minute = Field(2), second = Field(3);
        int offsetMinutes = 0;
        if (match.Groups[6].Success)
        {
            int offsetHour = Field(7), offsetMinute = Field(8);
            if (offsetHour > 23 || offsetMinute > 59)
            {
                return false;
            }

            offsetMinutes = (match.Groups[6].Value == "-" ? -1 : 1) * (offsetHour * 60 + offsetMinute);
        }

        if (hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        // §5.7: second 60 is a leap second, which only exists at the last minute of a UTC day.
        var utcMinute = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440;
        return second < 60 || utcMinute == 23 * 60 + 59;
    }

    /// <summary>RFC 3986 §4.1 URI-reference = URI / relative-ref, checked character class by component.</summary>
    private static bool IsUriReference(string value)
    {
        var fragmentAt = value.IndexOf('#');
        var beforeFragment = fragmentAt < 0 ? value : value[..fragmentAt];
        if (fragmentAt >= 0 && !AllOf(value[(fragmentAt + 1)..], "/?:@"))
        {
            return false;
        }

        var queryAt = beforeFragment.IndexOf('?');
        var hierarchy = queryAt < 0 ? beforeFragment : beforeFragment[..queryAt];
        if (queryAt >= 0 && !AllOf(beforeFragment[(queryAt + 1)..], "/?:@"))
        {
            return false;
        }

        var scheme = Scheme.Match(hierarchy);
        var rest = scheme.Success ? hierarchy[scheme.Length..] : hierarchy;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var authorityEnd = rest.IndexOf('/', 2);
            var authority = authorityEnd < 0 ? rest[2..] : rest[2..authorityEnd];
            var path = authorityEnd < 0 ? string.Empty : rest[authorityEnd..];
            return IsAuthority(authority) && AllOf(path, "/:@");
        }

        if (!scheme.Success)
        {
            // §4.2 relative-ref: a path-noscheme's first segment holds no ':' (it would read as a scheme).
            var firstSegment = rest.Split('/')[0];
            if (firstSegment.Contains(':'))
            {
                return false;
            }
        }

        return AllOf(rest, "/:@");
    }

    private static bool IsAuthority(string authority)
    {
        var at = authority.LastIndexOf('@');
        if (at >= 0 && !AllOf(authority[..at], ":"))
        {
            return false;
        }

        var hostPort = authority[(at + 1)..];
        if (hostPort.StartsWith('['))
        {
            // §3.2.2 IP-literal = "[" ( IPv6address / IPvFuture ) "]".
            var close = hostPort.IndexOf(']');
            return close > 0 && (IsIpv6(hostPort[1..close]) || IsIpvFuture(hostPort[1..close])) && IsPort(hostPort[(close + 1)..]);
        }

        var colon = hostPort.LastIndexOf(':');
        var host = colon < 0 ? hostPort : hostPort[..colon];
        return AllOf(host, string.Empty) && (colon < 0 || IsPort(hostPort[colon..]));
    }

    /// <summary>§3.2.2 IPv6address: eight h16 groups, "::" standing for one or more zero groups, an IPv4 tail counting two.</summary>
    private static bool IsIpv6(string text)
    {
        var elided = text.IndexOf("::", StringComparison.Ordinal);
        if (elided >= 0 && text.IndexOf("::", elided + 1, StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        var parts = elided < 0 ? [text] : new[] { text[..elided], text[(elided + 2)..] };
        var groups = 0;
        for (var p = 0; p < parts.Length; p++)
        {
            if (parts[p].Length == 0)
            {
                continue;
            }

            var pieces = parts[p].Split(':');
            for (var i = 0; i < pieces.Length; i++)
            {
                var last = p == parts.Length - 1 && i == pieces.Length - 1;
                if (last && pieces[i].Contains('.'))
                {
                    if (!IsIpv4(pieces[i]))
                    {
                        return false;
                    }

                    groups += 2;
                }
                else if (pieces[i].Length is >= 1 and <= 4 && pieces[i].All(char.IsAsciiHexDigit))
                {
                    groups++;
                }
                else
                {
                    return false;
                }
            }
        }

        return elided < 0 ? groups == 8 : groups <= 7;
    }

    /// <summary>§3.2.2 dec-octet: 0–255 written without a leading zero.</summary>
    private static bool IsIpv4(string text)
    {
        var octets = text.Split('.');
        return octets.Length == 4 && octets.All(o => o.Length is >= 1 and <= 3 && o.All(char.IsAsciiDigit)
            && (o.Length == 1 || o[0] != '0') && int.Parse(o, CultureInfo.InvariantCulture) <= 255);
    }

    /// <summary>§3.2.2 IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ).</summary>
    private static bool IsIpvFuture(string text)
    {
        var dot = text.IndexOf('.');
        return text.Length > 0 && text[0] is 'v' or 'V' && dot > 1 && text[1..dot].All(char.IsAsciiHexDigit)
            && dot < text.Length - 1 && AllOf(text[(dot + 1)..], ":");
    }

    private static bool IsPort(string text) => text.Length == 0 || (text[0] == ':' && text[1..].All(char.IsAsciiDigit));

    /// <summary>Every character is unreserved, a sub-delim, a well-formed pct-encoding, or one of <paramref name="extra"/>.</summary>
    private static bool AllOf(string text, string extra)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                {
                    return false;
                }

                i += 2;
                continue;
            }

            var unreserved = char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
            var subDelim = c is '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=';
            if (!unreserved && !subDelim && !extra.Contains(c))
            {
                return false;
            }
        }

        return true;
    }
}
