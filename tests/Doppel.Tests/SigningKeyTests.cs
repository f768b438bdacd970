using Doppel.Provenance;

namespace Doppel.Tests;

/// <summary>How a key file is read: a text key loses an editor's trailing newline, a binary key keeps every byte.</summary>
public class SigningKeyTests
{
    [Fact]
    public void Load_BinaryKeyEndingInANewlineByte_IsTakenByteForByte()
    {
        string path = Path.GetTempFileName();
        try
        {
            var bytes = Enumerable.Range(0, 32).Select(i => (byte)(i * 37 + 1)).ToArray();
            bytes[^1] = (byte)'\n'; // a random key ends so once in 256
            File.WriteAllBytes(path, bytes);
            using var loaded = SigningKey.Load(path);
            using var exact = SigningKey.FromBytes(bytes);
            Assert.Equal(exact.Sign("data"u8), loaded.Sign("data"u8));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Load_TextKeyWithTrailingNewline_IsTheKeyWithoutIt()
    {
        string path = Path.GetTempFileName();
        try
        {
            string hex = new('a', 64);
            File.WriteAllText(path, hex + "\r\n");
            using var loaded = SigningKey.Load(path);
            using var exact = SigningKey.FromBytes(System.Text.Encoding.ASCII.GetBytes(hex));
            Assert.Equal(exact.Sign("data"u8), loaded.Sign("data"u8));
        }
        finally { File.Delete(path); }
    }
}
