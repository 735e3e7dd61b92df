using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Alexandria.CodeFixes
{
    /// <summary>ALX1001: replaces a string literal the contracts do not define with the nearest name they do.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnknownContractNameCodeFixProvider)), Shared]
    public sealed class UnknownContractNameCodeFixProvider : CodeFixProvider
    {
        public const string DiagnosticId = "ALX1001";
        public const string SuggestionProperty = "Suggestion";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticId);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(SuggestionProperty, out var suggestion) || suggestion is null)
                {
                    continue;
                }

                var literal = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .DescendantNodesAndSelf()
                    .OfType<LiteralExpressionSyntax>()
                    .FirstOrDefault(l => l.IsKind(SyntaxKind.StringLiteralExpression));
                if (literal is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use '" + suggestion + "'",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(
                            literal,
                            SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(suggestion)).WithTriviaFrom(literal)))),
                        equivalenceKey: DiagnosticId + ":" + suggestion),
                    diagnostic);
            }
        }
    }
}
