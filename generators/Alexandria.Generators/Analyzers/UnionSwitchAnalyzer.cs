using System.Collections.Immutable;
using System.Linq;
using Alexandria.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Alexandria.Generators.Analyzers
{
    /// <summary>
    /// ALX1002: a <c>switch</c> statement or expression over a contract union (the abstract record the
    /// generator makes from a <c>oneOf</c>) that does not handle every case and has no default that does
    /// something other than throw. Reported at the <c>switch</c> keyword; the fix adds the missing cases.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnionSwitchAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the missing cases' fully qualified names, ';'-separated, for the code fix.</summary>
        public const string MissingCasesProperty = "MissingCases";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.NonExhaustiveUnionSwitch);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var catalog = ContractCatalog.Load(start.Options, start.CancellationToken);
                start.RegisterOperationAction(c => Analyze(c, catalog), OperationKind.Switch, OperationKind.SwitchExpression);
            });
        }

        private static void Analyze(OperationAnalysisContext context, ContractCatalog catalog)
        {
            if (UnionSwitchCoverage.Analyze(context.Operation, catalog) is not { } coverage || coverage.Missing.Count == 0)
            {
                return;
            }

            var location = context.Operation.Syntax switch
            {
                SwitchStatementSyntax statement => statement.SwitchKeyword.GetLocation(),
                SwitchExpressionSyntax expression => expression.SwitchKeyword.GetLocation(),
                var other => other.GetLocation(),
            };
            var properties = ImmutableDictionary<string, string?>.Empty.Add(
                MissingCasesProperty,
                string.Join(";", coverage.Missing.Select(m => m.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))));
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.NonExhaustiveUnionSwitch,
                location,
                properties,
                coverage.Union.Name,
                string.Join(", ", coverage.Missing.Select(m => m.Name))));
        }
    }
}
