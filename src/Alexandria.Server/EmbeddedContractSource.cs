using System.IO;
using System.Reflection;
using Alexandria.OpenApi;

namespace Alexandria.Server;

/// <summary>
/// The contract files embedded in this assembly at build time (Alexandria.Server.csproj), by their path under
/// <c>contracts/</c>. The server reads its description only from here: nothing on the disk it runs on.
/// </summary>
internal sealed class EmbeddedContractSource : IDescriptionFileSource
{
    private const string Prefix = "Alexandria.Server.contracts/";

    private readonly Assembly _assembly = typeof(EmbeddedContractSource).Assembly;

    public string Name => _assembly.GetName().Name + " (embedded contracts)";

    public byte[]? Read(string relativePath)
    {
        using var stream = _assembly.GetManifestResourceStream(Prefix + relativePath);
        if (stream is null)
        {
            return null;
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
