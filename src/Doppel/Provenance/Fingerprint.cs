using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Doppel.Data;
using Doppel.Metadata;

namespace Doppel.Provenance;

/// <summary>
/// SHA-256 fingerprints that tie a synthetic dataset to its source without containing it: the training data
/// (a canonical encoding of the typed table, so CSV and Parquet copies of the same data agree) and the metadata.
/// </summary>
public static class Fingerprint
{
    /// <summary>SHA-256 (lower-case hex) of the table's column names and values, row by row per column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs a few times per fit, over every row: optimized from the start
    public static string Of(Table table)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The values are gathered into blocks: a hash call per 9-byte value costs more than the hashing itself.
        var bytes = new HashBlocks(hash);
        Span<byte> number = stackalloc byte[9];
        number[0] = 1;
        foreach (var column in table.Columns)
        {
            bytes.Append(Encoding.UTF8.GetBytes(column.Name + "\0" + column.Kind + "\0"));
            // Categories by value, not code, so the dictionary's order does not matter; encoded once per column.
            byte[][]? categories = column is CategoryColumn cc ? [.. cc.Categories.Select(c => Encoding.UTF8.GetBytes("\u0001" + c + "\0"))] : null;
            for (int row = 0; row < column.Length; row++)
            {
                if (column.IsNull(row)) { bytes.Append(0); continue; }
                switch (column)
                {
                    case NumberColumn n:
                        BinaryPrimitives.WriteDoubleLittleEndian(number[1..], n.Values[row]);
                        bytes.Append(number);
                        break;
                    case DateTimeColumn d:
                        BinaryPrimitives.WriteInt64LittleEndian(number[1..], d.Ticks[row]);
                        bytes.Append(number);
                        break;
                    case BooleanColumn b:
                        bytes.Append(1);
                        bytes.Append(b.Values[row] ? (byte)1 : (byte)0);
                        break;
                    case CategoryColumn c:
                        bytes.Append(categories![c.Codes[row]]);
                        break;
                    case StringColumn s:
                        bytes.Append(Encoding.UTF8.GetBytes("\u0001" + s.Values[row] + "\0"));
                        break;
                }
            }
        }
        bytes.Flush();
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>SHA-256 of the metadata's JSON.</summary>
    public static string Of(TableMetadata metadata) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(MetadataJson.Write(DatasetMetadata.Single(metadata)))));

    /// <summary>SHA-256 of a file's bytes.</summary>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>Where a model's training data came from, as fingerprints (never the data).</summary>
/// <param name="DataSha256">SHA-256 of the training table (see <see cref="Fingerprint.Of(Table)"/>).</param>
/// <param name="MetadataSha256">SHA-256 of the metadata JSON.</param>
/// <param name="Rows">Training rows.</param>
public sealed record SourceFingerprint(string DataSha256, string MetadataSha256, long Rows);
