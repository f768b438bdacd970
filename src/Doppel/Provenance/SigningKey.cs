using System.Security.Cryptography;

namespace Doppel.Provenance;

/// <summary>
/// A secret key that signs manifests and model files with HMAC-SHA256, so that an edit is detected even when the
/// file's SHA-256 was recomputed. The key is read from a file, never stored, printed or hashed into any output.
/// </summary>
/// <remarks>
/// An HMAC proves that whoever holds the key wrote the file; anyone who should verify needs the same key (a shared
/// secret, not a public signature).
/// </remarks>
public sealed class SigningKey : IDisposable
{
    /// <summary>Fewest key bytes accepted: HMAC-SHA256's output size.</summary>
    public const int MinBytes = 32;

    /// <summary>Most key bytes accepted (a key file is small; /dev/zero is not a key).</summary>
    public const int MaxBytes = 4096;

    /// <summary>What a signature starts with: the algorithm, so another may follow.</summary>
    internal const string Scheme = "hmac-sha256:";

    private readonly byte[] _key;

    private SigningKey(byte[] key) => _key = key;

    /// <summary>A key from its bytes (copied), which must be <see cref="MinBytes"/> to <see cref="MaxBytes"/> long.</summary>
    public static SigningKey FromBytes(ReadOnlySpan<byte> key, string source = "The signing key")
    {
        if (key.Length < MinBytes)
            throw new DoppelException(ErrorKind.Usage, $"{source} has {key.Length} bytes; a signing key needs at least {MinBytes} (e.g. 'head -c 32 /dev/urandom > key').");
        if (key.Length > MaxBytes)
            throw new DoppelException(ErrorKind.Usage, $"{source} has more than {MaxBytes} bytes; a signing key is {MinBytes} to {MaxBytes} bytes.");
        return new SigningKey(key.ToArray());
    }

    /// <summary>Reads a key file (a text key's trailing CR/LF is ignored; a binary key is taken byte for byte); at most <see cref="MaxBytes"/> bytes are read.</summary>
    public static SigningKey Load(string path)
    {
        var buffer = new byte[MaxBytes + 1];
        int length = 0;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0) length += read;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot find the signing key file {path}.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot read the signing key file {path}: {e.Message}", e);
        }
        try
        {
            // A key written as text (hex, base64, a passphrase) may end with a newline an editor added; a binary key
            // (head -c 32 /dev/urandom) may end with byte 0x0A by chance and is taken as it is.
            if (IsText(buffer.AsSpan(0, Math.Min(length, MaxBytes))))
                while (length > 0 && length <= MaxBytes && buffer[length - 1] is (byte)'\n' or (byte)'\r') length--;
            return FromBytes(buffer.AsSpan(0, length), $"The signing key file {path}");
        }
        finally { CryptographicOperations.ZeroMemory(buffer); }
    }

    private static bool IsText(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
            if (b is < 0x20 or > 0x7E && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t')) return false;
        return true;
    }

    /// <summary>The signature of <paramref name="data"/>: <c>hmac-sha256:</c> and 64 hex digits.</summary>
    internal string Sign(ReadOnlySpan<byte> data) => Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(_key, data));

    /// <summary>The raw 32-byte HMAC of <paramref name="data"/>.</summary>
    internal byte[] Mac(ReadOnlySpan<byte> data) => HMACSHA256.HashData(_key, data);

    /// <summary>Whether <paramref name="signature"/> is this key's signature of <paramref name="data"/> (in constant time).</summary>
    internal bool Verifies(ReadOnlySpan<byte> data, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Sign(data)), System.Text.Encoding.ASCII.GetBytes(signature));

    /// <summary>Overwrites the key in memory.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(_key);
}
