using System.Text;

namespace Doppel.Relational;

/// <summary>The kinds of database a <see cref="DatabaseLocation"/> names.</summary>
public enum DatabaseKind
{
    /// <summary>A folder of CSV or Parquet files, one per table.</summary>
    Folder,
    /// <summary>A SQLite file (<c>.sqlite</c>, <c>.sqlite3</c>, <c>.db</c>).</summary>
    Sqlite,
    /// <summary>A live PostgreSQL database.</summary>
    Postgres,
}

/// <summary>
/// A database as users write it: a folder path, a SQLite file, or a PostgreSQL connection as a libpq URI
/// (<c>postgresql://user@host:5432/dbname?sslmode=disable</c>, also <c>postgres://</c>) or as key=value pairs
/// (<c>host=localhost dbname=shop</c>, or <c>Host=localhost;Database=shop</c>).
/// </summary>
/// <remarks><see cref="ToString"/> never shows a password, so a location is safe to print and log.</remarks>
public sealed record DatabaseLocation
{
    private DatabaseLocation(DatabaseKind kind, string path, IReadOnlyDictionary<string, string> parameters)
    {
        Kind = kind;
        Path = path;
        Parameters = parameters;
    }

    /// <summary>What kind of database this is.</summary>
    public DatabaseKind Kind { get; }

    /// <summary>The folder or file path (for <see cref="DatabaseKind.Folder"/> and <see cref="DatabaseKind.Sqlite"/>); empty for PostgreSQL.</summary>
    public string Path { get; }

    /// <summary>
    /// For PostgreSQL, the connection's parameters under their libpq names (<c>host</c>, <c>port</c>, <c>dbname</c>,
    /// <c>user</c>, <c>password</c> when given inline, and any others such as <c>sslmode</c>); empty otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>A folder of files.</summary>
    public static DatabaseLocation Folder(string path) => new(DatabaseKind.Folder, path, new Dictionary<string, string>());

    /// <summary>Parses what a user wrote (see the type's summary); a clear usage error when it cannot be read.</summary>
    public static DatabaseLocation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed.Length == 0) throw new DoppelException(ErrorKind.Usage, "The database location is empty; give a folder, a .sqlite file or a postgresql:// URI.");
        if (trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
            return new(DatabaseKind.Postgres, "", ParseUri(trimmed));
        if (!File.Exists(trimmed) && !Directory.Exists(trimmed) && LooksLikeKeyValues(trimmed))
            return new(DatabaseKind.Postgres, "", ParseKeyValues(trimmed));
        string extension = System.IO.Path.GetExtension(trimmed).ToLowerInvariant();
        if (extension is ".sqlite" or ".sqlite3" or ".db") return new(DatabaseKind.Sqlite, trimmed, new Dictionary<string, string>());
        return Folder(trimmed);
    }

    /// <summary>The location as the user would write it, with any password replaced by <c>***</c>.</summary>
    public override string ToString()
    {
        if (Kind != DatabaseKind.Postgres) return Path;
        var p = Parameters;
        var text = new StringBuilder("postgresql://");
        if (p.TryGetValue("user", out var user))
        {
            text.Append(Uri.EscapeDataString(user));
            if (p.ContainsKey("password")) text.Append(":***");
            text.Append('@');
        }
        if (p.TryGetValue("host", out var host)) text.Append(host.Contains(':') ? $"[{host}]" : host);
        if (p.TryGetValue("port", out var port)) text.Append(':').Append(port);
        if (p.TryGetValue("dbname", out var db)) text.Append('/').Append(Uri.EscapeDataString(db));
        var rest = p.Where(kv => kv.Key is not ("user" or "password" or "host" or "port" or "dbname")).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        for (int i = 0; i < rest.Count; i++)
            text.Append(i == 0 ? '?' : '&').Append(Uri.EscapeDataString(rest[i].Key)).Append('=').Append(Uri.EscapeDataString(rest[i].Value));
        return text.ToString();
    }

    private static bool LooksLikeKeyValues(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && text[..eq].Trim() is { Length: > 0 } key && key.All(c => char.IsLetterOrDigit(c) || c is '_' or ' ');
    }

    /// <summary>libpq's URI form: <c>postgresql://[user[:password]@][host][:port][/dbname][?key=value&amp;...]</c>.</summary>
    private static Dictionary<string, string> ParseUri(string uri)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        int query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            foreach (string pair in rest[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0) throw new DoppelException(ErrorKind.Usage, $"The PostgreSQL URI has a parameter '{Uri.UnescapeDataString(pair)}' without a value; write key=value.");
                result[Normalize(Uri.UnescapeDataString(pair[..eq]))] = Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
            rest = rest[..query];
        }
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (slash + 1 < rest.Length) result["dbname"] = Uri.UnescapeDataString(rest[(slash + 1)..]);
            rest = rest[..slash];
        }
        int at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            string userInfo = rest[..at];
            int colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                result["password"] = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
                userInfo = userInfo[..colon];
            }
            if (userInfo.Length > 0) result["user"] = Uri.UnescapeDataString(userInfo);
            rest = rest[(at + 1)..];
        }
        string hostPort = rest;
        if (hostPort.StartsWith('['))
        {
            int close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) throw new DoppelException(ErrorKind.Usage, "The PostgreSQL URI has an IPv6 host without its closing ']'.");
            result["host"] = hostPort[1..close];
            hostPort = hostPort[(close + 1)..];
            if (hostPort.StartsWith(':')) result["port"] = hostPort[1..];
        }
        else
        {
            int colon = hostPort.LastIndexOf(':');
            if (colon >= 0) { result["port"] = hostPort[(colon + 1)..]; hostPort = hostPort[..colon]; }
            if (hostPort.Length > 0) result["host"] = Uri.UnescapeDataString(hostPort);
        }
        if (result.TryGetValue("port", out var port) && (!int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out int n) || n is < 1 or > 65535))
            throw new DoppelException(ErrorKind.Usage, $"The PostgreSQL port '{port}' is not a number from 1 to 65535.");
        return result;
    }

    /// <summary>libpq's <c>key=value key='quoted value'</c> form, or Npgsql's <c>Key=Value;Key=Value</c>.</summary>
    private static Dictionary<string, string> ParseKeyValues(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        bool semicolons = text.Contains(';', StringComparison.Ordinal);
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == ';')) i++;
            if (i >= text.Length) break;
            int eq = text.IndexOf('=', i);
            if (eq < 0) throw new DoppelException(ErrorKind.Usage, $"The connection string has '{text[i..].Split(' ', ';')[0]}' without a value; write key=value.");
            string key = Normalize(text[i..eq].Trim());
            i = eq + 1;
            while (i < text.Length && text[i] == ' ') i++;
            var value = new StringBuilder();
            if (i < text.Length && text[i] == '\'')
            {
                for (i++; i < text.Length && text[i] != '\''; i++)
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    value.Append(text[i]);
                }
                if (i >= text.Length) throw new DoppelException(ErrorKind.Usage, $"The connection string's value for '{key}' has no closing quote.");
                i++;
            }
            else
                for (; i < text.Length && text[i] != ';' && (semicolons || !char.IsWhiteSpace(text[i])); i++) value.Append(text[i]);
            result[key] = semicolons ? value.ToString().Trim() : value.ToString();
        }
        return result;
    }

    /// <summary>Npgsql's spellings mapped to libpq's, so both forms read the same.</summary>
    private static string Normalize(string key) => key.ToLowerInvariant() switch
    {
        "database" or "db" => "dbname",
        "username" or "user id" or "userid" or "uid" => "user",
        "server" => "host",
        "pwd" => "password",
        var k => k,
    };
}
