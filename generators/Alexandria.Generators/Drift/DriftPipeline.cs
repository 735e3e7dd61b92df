using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Alexandria.Generators.Drift
{
    /// <summary>One contract or lock file as the drift step sees it: equatable, so the step caches.</summary>
    internal sealed record DriftInput(string Path, ContractKind Kind, string Text);

    /// <summary>
    /// The drift step of the pipeline: all contract files together with the lock file become drift
    /// diagnostics (ALX04xx), located in the contract files (or at the lock entry of a removed contract).
    /// It emits no source.
    /// </summary>
    internal static class DriftPipeline
    {
        public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<ClassifiedContract> classified)
        {
            var drift = classified
                .Where(static c => !c.File.IsValidatorOnly)
                .Select(static (c, _) => new DriftInput(c.File.Path, c.Kind, c.File.Text))
                .Collect()
                .Select(static (inputs, ct) => Check(inputs, ct))
                .WithTrackingName(TrackingNames.ContractDrift);
            context.RegisterSourceOutput(drift, static (spc, diagnostics) =>
            {
                foreach (var diagnostic in diagnostics)
                {
                    spc.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            });
        }

        /// <summary>Compares every contract with the lock file in its folder (or above it). Never throws.</summary>
        public static EquatableArray<DiagnosticInfo> Check(ImmutableArray<DriftInput> inputs, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            var ordered = inputs.OrderBy(i => i.Path, StringComparer.Ordinal).ToList();
            var locks = ordered.Where(i => i.Kind == ContractKind.Lock).ToList();
            var contracts = ordered.Where(i => i.Kind != ContractKind.Lock).ToList();
            if (locks.Count == 0)
            {
                // No baseline, no drift check: a project that does not lock its contracts hears nothing from this step.
                return diagnostics.ToEquatableArray();
            }

            var texts = ordered.ToDictionary(i => i.Path, i => i.Text, StringComparer.Ordinal);
            var sourceTexts = new Dictionary<string, SourceText>(StringComparer.Ordinal);
            foreach (var lockFile in locks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    CheckOne(lockFile, contracts, texts, sourceTexts, diagnostics);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, Locate(lockFile.Path, 0, 0, texts, sourceTexts),
                        FileName(lockFile.Path), e.GetType().Name + ": " + e.Message));
                }
            }

            return diagnostics.ToEquatableArray();
        }

        private static void CheckOne(DriftInput lockFile, List<DriftInput> contracts, Dictionary<string, string> texts, Dictionary<string, SourceText> sourceTexts, List<DiagnosticInfo> diagnostics)
        {
            var lockName = FileName(lockFile.Path);
            var baseline = LockFile.Read(lockFile.Text, lockFile.Path, out var error);
            if (baseline is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ById(DriftRules.InvalidLockFile), Locate(lockFile.Path, 0, 1, texts, sourceTexts),
                    lockName + " cannot be read: " + error + "; run '" + LockFile.Command + "' to rewrite it"));
                return;
            }

            var folder = Folder(lockFile.Path);
            var current = new List<LockedContract>();
            var unreadable = new HashSet<string>(StringComparer.Ordinal);
            foreach (var contract in contracts)
            {
                var normalizedPath = contract.Path.Replace('\\', '/');
                if (!normalizedPath.StartsWith(folder, StringComparison.Ordinal))
                {
                    continue;
                }

                var name = normalizedPath.Substring(folder.Length);
                LockedContract? normalized = null;
                if (contract.Kind != ContractKind.Unknown)
                {
                    try
                    {
                        normalized = ContractNormalizer.Normalize(name, contract.Path, contract.Text);
                    }
                    catch (JsonParseException)
                    {
                        // Reported as ALX0001 by classification.
                    }
                }

                if (normalized is null)
                {
                    // Not comparable now (invalid JSON, unknown shape): neither compared nor reported as removed.
                    unreadable.Add(name);
                }
                else
                {
                    current.Add(normalized);
                }
            }

            var findings = DriftAnalysis.Compare(baseline.Where(b => !unreadable.Contains(b.Name)).ToList(), current, lockName, baselineIsLock: true);
            foreach (var finding in findings)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ById(finding.Id),
                    Locate(finding.At.FilePath, finding.At.Start, finding.At.Length, texts, sourceTexts),
                    finding.Message));
            }
        }

        /// <summary>A place in a file; a span that runs over several lines is cut to its first line.</summary>
        private static SourceLocation Locate(string path, int start, int length, Dictionary<string, string> texts, Dictionary<string, SourceText> sourceTexts)
        {
            var text = texts.TryGetValue(path, out var t) ? t : "";
            if (!sourceTexts.TryGetValue(path, out var source))
            {
                source = SourceText.From(text);
                sourceTexts[path] = source;
            }

            if (start < text.Length && length > 0)
            {
                var newline = text.IndexOf('\n', start, Math.Min(length, text.Length - start));
                if (newline >= 0)
                {
                    length = newline - start;
                }
            }

            return SourceLocation.From(path, source, start, length);
        }

        private static string Folder(string path)
        {
            var normalized = path.Replace('\\', '/');
            var slash = normalized.LastIndexOf('/');
            return slash < 0 ? "" : normalized.Substring(0, slash + 1);
        }

        private static string FileName(string path)
        {
            var normalized = path.Replace('\\', '/');
            return normalized.Substring(normalized.LastIndexOf('/') + 1);
        }
    }
}
