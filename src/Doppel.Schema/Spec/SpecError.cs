namespace Doppel.Schema.Spec;

/// <summary>Builds the errors of a spec: they name the file, the place (table, column, key) and where it stands.</summary>
internal static class SpecError
{
    public static DoppelException At(SpecNode? node, string message, ErrorKind kind = ErrorKind.Metadata)
    {
        string where = node is { Line: > 0 } ? $"{node.Where}: " : "";
        return new DoppelException(kind, $"Spec {where}{message}");
    }

    public static DoppelException Unsatisfiable(string message) => new(ErrorKind.Unsatisfiable, "The spec cannot be met: " + message);
}
