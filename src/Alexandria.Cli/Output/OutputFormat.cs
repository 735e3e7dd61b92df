namespace Alexandria.Cli.Output;

/// <summary>What <c>--output</c> asks for. <see cref="Auto"/> picks <see cref="Table"/> on a terminal and <see cref="Plain"/> otherwise.</summary>
internal enum OutputFormat
{
    /// <summary>Tables when standard output is a terminal, plain lines when it is redirected or piped.</summary>
    Auto,

    /// <summary>Spectre tables at the terminal's width (or unbounded width when redirected).</summary>
    Table,

    /// <summary>Tab-separated lines with full values: no borders, no wrapping, no truncation, no colour.</summary>
    Plain,

    /// <summary>One JSON document on standard output; everything else goes to standard error.</summary>
    Json,
}

/// <summary>The format a command actually renders in, once <see cref="OutputFormat.Auto"/> is resolved.</summary>
internal enum OutputMode
{
    Table,
    Plain,
    Json,
}
