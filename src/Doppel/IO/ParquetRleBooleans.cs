using System.IO.Compression;
using System.Numerics;
using Parquet.Meta;

namespace Doppel.IO;

/// <summary>
/// Reads a flat boolean column chunk whose data pages store their values in the RLE encoding (arrow-rs, pyarrow and
/// Spark with data page v2 or when asked), which Parquet.Net 6.1 decodes as all false (its issue #532). Chunks whose
/// pages are all PLAIN are left to Parquet.Net. Follows the format spec: in both page versions the RLE values carry a
/// 4-byte length; in v1 pages the definition levels do too and everything after the header is compressed, in v2 pages
/// the levels come first, uncompressed and without length.
/// </summary>
internal static class ParquetRleBooleans
{
    /// <summary>
    /// Fills <paramref name="target"/> with <c>true</c>, <c>false</c> and nulls when a data page of the chunk is
    /// RLE-encoded; returns false, touching nothing, when none is.
    /// </summary>
    /// <exception cref="DoppelException">An encoding or compression this reader does not know.</exception>
    /// <exception cref="InvalidDataException">The chunk's bytes do not match its metadata.</exception>
    public static bool TryRead(Stream stream, ColumnMetaData meta, int maxDefinitionLevel, Span<string?> target, string column, string path)
    {
        // The page headers decide, not the chunk's optional encoding statistics; a chunk that lists no RLE at all
        // (required PLAIN booleans) is not even read twice.
        if (meta.Encodings is { } encodings && !encodings.Contains(Encoding.RLE)) return false;

        byte[] chunk = ReadChunk(stream, meta);
        var pages = new List<(ParquetPageHeader Header, int Body)>();
        for (int position = 0; position < chunk.Length;)
        {
            var header = ParquetPageHeader.Read(chunk, ref position);
            if (header.CompressedSize > chunk.Length - position) throw new InvalidDataException("a page runs past its column chunk");
            pages.Add((header, position));
            position += header.CompressedSize;
        }
        if (!pages.Any(p => p.Header.Type is PageType.DATA_PAGE or PageType.DATA_PAGE_V2 && p.Header.Encoding == Encoding.RLE))
            return false;

        int levelWidth = maxDefinitionLevel == 0 ? 0 : BitOperations.Log2((uint)maxDefinitionLevel) + 1;
        int row = 0;
        foreach (var (header, body) in pages)
        {
            if (header.Type == PageType.DICTIONARY_PAGE)
                throw new DoppelException(ErrorKind.Data, $"{path}: boolean column '{column}' is dictionary-encoded, which Doppel cannot read. Write it with PLAIN or RLE booleans.");
            if (header.Type is not (PageType.DATA_PAGE or PageType.DATA_PAGE_V2)) continue;
            if (header.ValueCount > target.Length - row) throw new InvalidDataException("the pages hold more values than the row group has rows");
            if (header.UncompressedSize > 64 + 8L * header.ValueCount) throw new InvalidDataException("a page is larger than its values can be");

            var levels = new int[header.ValueCount];
            ReadOnlySpan<byte> values;
            if (header.Type == PageType.DATA_PAGE)
            {
                ReadOnlySpan<byte> page = Decompress(meta.Codec, chunk.AsSpan(body, header.CompressedSize), header.UncompressedSize, column, path);
                int used = 0;
                if (levelWidth > 0)
                {
                    if (header.DefinitionLevelEncoding != Encoding.RLE) throw Unsupported(column, path, $"definition levels in {header.DefinitionLevelEncoding}");
                    used = RleBitPackedHybrid.DecodeLengthPrefixed(page, levelWidth, levels);
                }
                values = page[used..];
            }
            else
            {
                int levelBytes = header.RepetitionLevelsLength + header.DefinitionLevelsLength;
                if (levelBytes > header.CompressedSize || levelBytes > header.UncompressedSize) throw new InvalidDataException("a page's levels are longer than the page");
                if (levelWidth > 0) RleBitPackedHybrid.Decode(chunk.AsSpan(body + header.RepetitionLevelsLength, header.DefinitionLevelsLength), levelWidth, levels);
                var stored = chunk.AsSpan(body + levelBytes, header.CompressedSize - levelBytes);
                values = header.IsCompressed ? Decompress(meta.Codec, stored, header.UncompressedSize - levelBytes, column, path) : stored;
            }
            if (levelWidth == 0) levels.AsSpan().Fill(maxDefinitionLevel);

            int present = levels.Count(l => l == maxDefinitionLevel);
            var bits = new int[present];
            if (header.Encoding == Encoding.RLE) RleBitPackedHybrid.DecodeLengthPrefixed(values, 1, bits);
            else if (header.Encoding == Encoding.PLAIN) UnpackPlain(values, bits);
            else throw Unsupported(column, path, $"values in {header.Encoding}");

            for (int i = 0, k = 0; i < levels.Length; i++, row++)
                target[row] = levels[i] == maxDefinitionLevel ? (bits[k++] != 0 ? "true" : "false") : null;
        }
        if (row != target.Length) throw new InvalidDataException($"the pages hold {row} values for {target.Length} rows");
        return true;
    }

    private static byte[] ReadChunk(Stream stream, ColumnMetaData meta)
    {
        long start = meta.DictionaryPageOffset is long dictionary && dictionary > 0 && dictionary < meta.DataPageOffset ? dictionary : meta.DataPageOffset;
        long length = meta.TotalCompressedSize;
        if (start < 0 || length <= 0 || length > Array.MaxLength || start > stream.Length - length)
            throw new InvalidDataException("a column chunk lies outside the file");
        var chunk = new byte[length];
        long restore = stream.Position;
        stream.Position = start;
        stream.ReadExactly(chunk);
        stream.Position = restore;
        return chunk;
    }

    /// <summary>PLAIN booleans: one bit each, least significant bit first.</summary>
    private static void UnpackPlain(ReadOnlySpan<byte> bytes, Span<int> bits)
    {
        if (bytes.Length < (bits.Length + 7) / 8) throw new InvalidDataException("PLAIN booleans end before all values were read");
        for (int i = 0; i < bits.Length; i++) bits[i] = (bytes[i >> 3] >> (i & 7)) & 1;
    }

    private static byte[] Decompress(CompressionCodec codec, ReadOnlySpan<byte> stored, int size, string column, string path)
    {
        if (codec == CompressionCodec.UNCOMPRESSED) return stored.ToArray();
        var output = new byte[size];
        int written = codec switch
        {
            CompressionCodec.SNAPPY => Snappier.Snappy.Decompress(stored, output),
            CompressionCodec.GZIP => Inflate(stored, output),
            CompressionCodec.BROTLI => BrotliDecoder.TryDecompress(stored, output, out int brotli) ? brotli : -1,
            CompressionCodec.ZSTD => Unzstd(stored, output),
            CompressionCodec.LZ4_RAW => K4os.Compression.LZ4.LZ4Codec.Decode(stored, output),
            _ => throw Unsupported(column, path, $"pages compressed with {codec}"),
        };
        if (written != size) throw new InvalidDataException($"a {codec} page does not decompress to its recorded size");
        return output;
    }

    private static int Unzstd(ReadOnlySpan<byte> stored, byte[] output)
    {
        using var zstd = new ZstdSharp.Decompressor();
        return zstd.Unwrap(stored, output);
    }

    private static int Inflate(ReadOnlySpan<byte> stored, byte[] output)
    {
        using var gzip = new GZipStream(new MemoryStream(stored.ToArray()), CompressionMode.Decompress);
        gzip.ReadExactly(output);
        return output.Length;
    }

    private static DoppelException Unsupported(string column, string path, string what) => new(ErrorKind.Data,
        $"{path}: boolean column '{column}' stores {what}, which Doppel cannot read. Write the file with PLAIN booleans (pyarrow: data_page_version='1.0') or as CSV.");
}
