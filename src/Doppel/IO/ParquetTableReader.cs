using Doppel.Data;

namespace Doppel.IO;

/// <summary>Reads a Parquet file into raw text cells (invariant culture), so detection works as for CSV.</summary>
public static class ParquetTableReader
{
    /// <summary>Reads a whole Parquet file.</summary>
    public static RawTable Read(string path) =>
        throw new DoppelException(ErrorKind.Usage, $"Cannot read {path}: Parquet support is not built yet.");
}
