using System.Security.Cryptography;
using System.Text;

namespace Alexandria.Generators.Parsing.Prompts
{
    /// <summary>The manifest's content hash: lowercase hex SHA-256 of the template's exact UTF-8 bytes.</summary>
    internal static class TemplateHash
    {
        public static string Compute(string template)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(template));
            var hex = new StringBuilder(hash.Length * 2);
            foreach (var b in hash)
            {
                hex.Append("0123456789abcdef"[b >> 4]).Append("0123456789abcdef"[b & 0xF]);
            }

            return hex.ToString();
        }
    }
}
