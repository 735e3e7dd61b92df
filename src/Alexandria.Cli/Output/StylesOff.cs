using System.Collections.Generic;
using System.Linq;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Alexandria.Cli.Output;

/// <summary>
/// A render hook that makes every segment unstyled. Needed because Spectre without ANSI does not drop
/// styles: its legacy backend calls <c>System.Console.ResetColor()</c> and sets <c>ForegroundColor</c>
/// for each styled segment, and .NET turns those into escape sequences on a terminal (<c>ESC[39;49m</c>)
/// whatever writer the console was given. With no styles left, it never touches the console colours.
/// </summary>
internal sealed class StylesOff : IRenderHook
{
    public IEnumerable<IRenderable> Process(RenderOptions options, IEnumerable<IRenderable> renderables)
        => renderables.Select(r => (IRenderable)new Unstyled(r));

    private sealed class Unstyled(IRenderable inner) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
            => inner.Render(options, maxWidth)
                .Where(s => !s.IsControlCode)
                .Select(s => s.IsLineBreak ? Segment.LineBreak : new Segment(s.Text, Style.Plain));
    }
}
