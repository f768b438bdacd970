using System.Security.Cryptography;

namespace Doppel.Provenance;

/// <summary>
/// Feeds an incremental hash in blocks of 64 KiB: the digest of the concatenated bytes does not depend on how they
/// were split, and one call per block is far cheaper than one per small value.
/// </summary>
internal sealed class HashBlocks(IncrementalHash hash)
{
    private readonly byte[] _block = new byte[1 << 16];
    private int _used;

    public void Append(byte value)
    {
        if (_used == _block.Length) Flush();
        _block[_used++] = value;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_used + bytes.Length > _block.Length)
        {
            Flush();
            if (bytes.Length > _block.Length) { hash.AppendData(bytes); return; }
        }
        bytes.CopyTo(_block.AsSpan(_used));
        _used += bytes.Length;
    }

    /// <summary>Hashes what is gathered.</summary>
    public void Flush()
    {
        hash.AppendData(_block, 0, _used);
        _used = 0;
    }
}
