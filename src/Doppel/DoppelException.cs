namespace Doppel;

/// <summary>What kind of problem stopped Doppel; the CLI maps each kind to a documented exit code.</summary>
public enum ErrorKind
{
    /// <summary>Bad options or arguments (exit 2).</summary>
    Usage = 2,
    /// <summary>The input data cannot be used as given (exit 3).</summary>
    Data = 3,
    /// <summary>The metadata is invalid or does not fit the data (exit 4).</summary>
    Metadata = 4,
    /// <summary>A model file is corrupt, of an unknown version, or not a model (exit 5).</summary>
    Model = 5,
    /// <summary>A file could not be read or written (exit 6).</summary>
    IO = 6,
    /// <summary>The request cannot be satisfied (exit 7).</summary>
    Unsatisfiable = 7,
    /// <summary>The privacy budget does not allow the request (exit 8).</summary>
    PrivacyBudget = 8,
}

/// <summary>
/// An error the user can fix: the message names the file, column or value and says what was expected.
/// </summary>
public sealed class DoppelException : Exception
{
    /// <summary>Creates an error of the given kind.</summary>
    public DoppelException(ErrorKind kind, string message, Exception? inner = null) : base(message, inner) => Kind = kind;

    /// <summary>The kind of problem; also the CLI's exit code.</summary>
    public ErrorKind Kind { get; }
}
