using Doppel.Data;

namespace Doppel.IO;

/// <summary>
/// A sink for streamed batches. <see cref="Encode"/> may run on several threads at once (each on its own batch);
/// <see cref="Write"/> is then called in batch order on one thread, so output is identical whatever the thread count.
/// </summary>
public interface ITableWriter : IDisposable
{
    /// <summary>Turns a batch into what <see cref="Write"/> stores (formatted bytes, a row group, or the batch itself).</summary>
    object Encode(Table batch);

    /// <summary>Stores one encoded batch, in order.</summary>
    void Write(object encoded);

    /// <summary>Finishes the output (footers, flush) after the last batch.</summary>
    void Complete();
}

/// <summary>Keeps batches in memory (for the C# API and the benchmark's "sample into memory").</summary>
public sealed class MemoryTableWriter : ITableWriter
{
    /// <summary>The batches written, in order.</summary>
    public List<Table> Batches { get; } = [];

    /// <inheritdoc/>
    public object Encode(Table batch) => batch;

    /// <inheritdoc/>
    public void Write(object encoded) => Batches.Add((Table)encoded);

    /// <inheritdoc/>
    public void Complete() { }

    /// <inheritdoc/>
    public void Dispose() { }
}
