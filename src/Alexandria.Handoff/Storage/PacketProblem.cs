namespace Alexandria.Handoff.Storage;

/// <summary>Why a packet file was refused: the file, the JSON pointer into it (RFC 6901, "" for the root) and what is wrong.</summary>
public sealed record PacketProblem(string File, string Pointer, string Message)
{
    public override string ToString() => File + ": " + (Pointer.Length == 0 ? "(root)" : Pointer) + ": " + Message;
}
