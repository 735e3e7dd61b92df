namespace Alexandria.Runtime.Storage;

/// <summary>A pointer names an object the object store does not hold.</summary>
public sealed class ObjectNotFoundException : StorageException
{
    /// <summary>Creates the exception.</summary>
    public ObjectNotFoundException(string objectPath)
        : base($"Object '{objectPath}' is not in the object store; the pointer to it dangles.")
    {
        ObjectPath = objectPath;
    }

    /// <summary>Store-relative path of the missing object.</summary>
    public string ObjectPath { get; }
}
