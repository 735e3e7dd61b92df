using System.Threading;
using System.Threading.Tasks;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// An artifact index that can look an id up and register it when absent in one go: for the embedded index one
/// acquisition of its store-wide lock instead of two (a look-up, then the registration's own).
/// </summary>
internal interface IArtifactRegistrar
{
    /// <summary>The row already registered under <paramref name="artifact"/>'s id, or null after registering <paramref name="artifact"/>.</summary>
    Task<ArtifactMetadata?> GetOrRegisterAsync(ArtifactMetadata artifact, CancellationToken cancellationToken);
}
