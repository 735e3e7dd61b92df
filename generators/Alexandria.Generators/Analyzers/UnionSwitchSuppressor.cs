using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Alexandria.Generators.Analyzers
{
    /// <summary>
    /// C# cannot know a contract union is closed, so a switch expression that handles every case still
    /// gets CS8509 ("not exhaustive"), and the usual cure, a throwing discard, hides the next added case.
    /// This suppresses CS8509 when every case is handled; ALX1002 then guards the switch instead.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnionSwitchSuppressor : DiagnosticSuppressor
    {
        public static readonly SuppressionDescriptor ExhaustiveUnionSwitch = new SuppressionDescriptor(
            "ALXSPR1002",
            "CS8509",
            "The switch handles every case of the contract union; ALX1002 reports a case that goes missing.");

        public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ImmutableArray.Create(ExhaustiveUnionSwitch);

        public override void ReportSuppressions(SuppressionAnalysisContext context)
        {
            ContractCatalog? catalog = null;
            foreach (var diagnostic in context.ReportedDiagnostics)
            {
                var tree = diagnostic.Location.SourceTree;
                if (tree is null)
                {
                    continue;
                }

                var node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var switchExpression = node.AncestorsAndSelf().OfType<SwitchExpressionSyntax>().FirstOrDefault();
                if (switchExpression is null)
                {
                    continue;
                }

                catalog ??= ContractCatalog.Load(context.Options, context.CancellationToken);
                var operation = context.GetSemanticModel(tree).GetOperation(switchExpression, context.CancellationToken);
                if (operation is not null && UnionSwitchCoverage.Analyze(operation, catalog) is { Missing.Count: 0 })
                {
                    context.ReportSuppression(Suppression.Create(ExhaustiveUnionSwitch, diagnostic));
                }
            }
        }
    }
}
