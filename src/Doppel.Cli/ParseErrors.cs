using System.Text.RegularExpressions;

namespace Doppel.Cli;

/// <summary>Parse errors in the user's words: System.CommandLine names .NET types ("System.Nullable`1[System.UInt64]").</summary>
internal static partial class ParseErrors
{
    public static string Friendly(string message) =>
        ExpectedType().Replace(message, m => "; expected " + Describe(m.Groups[1].Value));

    private static string Describe(string type) => type switch
    {
        _ when type.Contains("UInt64") || type.Contains("UInt32") => "a whole number, 0 or more",
        _ when type.Contains("Int64") || type.Contains("Int32") => "a whole number",
        _ when type.Contains("Double") || type.Contains("Single") => "a number such as 0.5 or 1e-6",
        _ when type.Contains("Boolean") => "true or false",
        _ => "a value of another form",
    };

    [GeneratedRegex(@" as expected type '([^']*)'\.?")]
    private static partial Regex ExpectedType();
}
