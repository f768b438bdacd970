namespace Doppel.IO;

/// <summary>
/// Writes encoded batches in order on one background task while the caller generates the next window: the writer's
/// serial part (hashing, the file, Parquet's column encoding, a COPY stream) overlaps the parallel generation
/// instead of leaving the cores idle. At most two windows are in memory: each <see cref="Enqueue"/> first waits for
/// the window before. Dispose (in a <c>finally</c>) waits for the last write, so nothing writes into a sink being
/// disposed; <see cref="Finish"/> rethrows a write's own exception.
/// </summary>
internal sealed class BackgroundWrites(ITableWriter writer) : IDisposable
{
    private Task _writing = Task.CompletedTask;

    /// <summary>Waits for the previous window's writes (rethrowing their exception), then starts writing <paramref name="window"/>.</summary>
    public void Enqueue(object[] window)
    {
        Finish();
        _writing = Task.Run(() => { foreach (var batch in window) writer.Write(batch); });
    }

    /// <summary>Waits for every write so far; a failed write's exception is rethrown as it was thrown.</summary>
    public void Finish() => _writing.GetAwaiter().GetResult();

    /// <summary>Waits for the last write without throwing (the caller is already leaving with an exception or has called <see cref="Finish"/>).</summary>
    public void Dispose()
    {
        try { _writing.Wait(); }
        catch (AggregateException) { }
    }
}
