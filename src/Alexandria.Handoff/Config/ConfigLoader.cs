using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Alexandria.Handoff.Config;

/// <summary>Reads <c>handoff.yaml</c>; a missing file means the defaults, a bad one an error naming line and column.</summary>
public static class ConfigLoader
{
    public static HandoffConfig Load(HandoffLayout layout)
    {
        if (!File.Exists(layout.Config))
        {
            return new HandoffConfig();
        }

        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        try
        {
            return deserializer.Deserialize<HandoffConfig?>(File.ReadAllText(layout.Config)) ?? new HandoffConfig();
        }
        catch (YamlException e)
        {
            var inner = e.InnerException is null ? "" : " (" + e.InnerException.Message + ")";
            throw new HandoffException("handoff.yaml(" + e.Start.Line + "," + e.Start.Column + "): " + e.Message + inner, e);
        }
    }
}
