using System;
using System.Text;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>
    /// URI arithmetic for <c>$id</c> and <c>$ref</c> (RFC 3986 resolution through <see cref="Uri"/>).
    /// Fragments are always split off by hand and kept as written, because <see cref="Uri"/> re-escapes
    /// them and a JSON pointer fragment must be percent-decoded exactly once.
    /// </summary>
    internal static class SchemaUri
    {
        /// <summary>Splits <paramref name="uri"/> at its first '#'; the fragment excludes the '#' and is null when absent.</summary>
        public static string WithoutFragment(string uri, out string? fragment)
        {
            var hash = uri.IndexOf('#');
            if (hash < 0)
            {
                fragment = null;
                return uri;
            }

            fragment = uri.Substring(hash + 1);
            return uri.Substring(0, hash);
        }

        /// <summary>Resolves <paramref name="reference"/> against <paramref name="baseUri"/> (which has no fragment).</summary>
        public static string Resolve(string baseUri, string reference)
        {
            var target = WithoutFragment(reference, out var fragment);
            string resolved;
            if (target.Length == 0)
            {
                resolved = baseUri;
            }
            else if (HasScheme(target))
            {
                resolved = Canonical(target);
            }
            else
            {
                resolved = Combine(baseUri, target);
            }

            return fragment is null ? resolved : resolved + "#" + fragment;
        }

        /// <summary>The form every resource URI is stored and looked up in.</summary>
        public static string Canonical(string absolute)
            => Uri.TryCreate(absolute, UriKind.Absolute, out var uri) && uri.IsAbsoluteUri && !uri.IsUnc
                ? WithoutFragment(uri.AbsoluteUri, out _)
                : absolute;

        /// <summary>RFC 3986 percent-decoding of a fragment (UTF-8), before it is read as a pointer or an anchor.</summary>
        public static string PercentDecode(string fragment)
        {
            if (fragment.IndexOf('%') < 0)
            {
                return fragment;
            }

            var bytes = new System.Collections.Generic.List<byte>(fragment.Length);
            for (var i = 0; i < fragment.Length; i++)
            {
                var c = fragment[i];
                if (c == '%' && i + 2 < fragment.Length && IsHex(fragment[i + 1]) && IsHex(fragment[i + 2]))
                {
                    bytes.Add(Convert.ToByte(fragment.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                }
            }

            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        private static string Combine(string baseUri, string relative)
        {
            try
            {
                if (Uri.TryCreate(baseUri, UriKind.Absolute, out var b) && Uri.TryCreate(b, relative, out var combined))
                {
                    return Canonical(combined.AbsoluteUri);
                }
            }
            catch (UriFormatException)
            {
                // Non-hierarchical bases (urn:, tag:) cannot resolve relative references; fall through.
            }

            return relative;
        }

        private static bool HasScheme(string uri)
        {
            if (uri.Length == 0 || !IsAsciiLetter(uri[0]))
            {
                return false;
            }

            for (var i = 1; i < uri.Length; i++)
            {
                var c = uri[i];
                if (c == ':')
                {
                    return true;
                }

                if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
                {
                    return false;
                }
            }

            return false;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
