using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Alexandria.Handoff.Packets;

namespace Alexandria.Handoff.Preflight;

/// <summary>SHA-256 of files and the attestation digest (Mode 1 evidence).</summary>
public static class Hashing
{
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string FileSha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The digest over the log and the inputs: SHA-256 of one "path sha256" line each, log first.</summary>
    public static string Digest(HashedFile log, IReadOnlyList<HashedFile> inputs)
    {
        var text = new StringBuilder();
        text.Append(log.Path).Append(' ').Append(log.Sha256).Append('\n');
        foreach (var input in inputs)
        {
            text.Append(input.Path).Append(' ').Append(input.Sha256).Append('\n');
        }

        return Sha256(Encoding.UTF8.GetBytes(text.ToString()));
    }

    public static Attestation Attest(HandoffLayout layout, string logPath, IEnumerable<string> inputPaths)
    {
        var log = new HashedFile { Path = layout.Relative(logPath), Sha256 = FileSha256(logPath) };
        var inputs = new List<HashedFile>();
        foreach (var input in inputPaths)
        {
            inputs.Add(new HashedFile { Path = layout.Relative(input), Sha256 = FileSha256(input) });
        }

        return new Attestation { Log = log, Inputs = inputs, Digest = Digest(log, inputs) };
    }

    /// <summary>Every difference between the attestation and the files now on disk; empty when it holds.</summary>
    public static IReadOnlyList<string> Check(HandoffLayout layout, Attestation attestation)
    {
        var problems = new List<string>();
        foreach (var file in new[] { attestation.Log }.Concat(attestation.Inputs))
        {
            var path = layout.Absolute(file.Path);
            if (!File.Exists(path))
            {
                problems.Add(file.Path + ": missing");
            }
            else if (FileSha256(path) != file.Sha256)
            {
                problems.Add(file.Path + ": SHA-256 is " + FileSha256(path) + ", attested " + file.Sha256);
            }
        }

        if (Digest(attestation.Log, attestation.Inputs) != attestation.Digest)
        {
            problems.Add("digest: does not match the attested hashes");
        }

        return problems;
    }
}
