using Doppel.Data;
using Doppel.IO;
using Doppel.Metadata;

namespace Doppel.Relational;

/// <summary>One table as written: where, how many rows, and the SHA-256 of the bytes (for the manifest).</summary>
/// <param name="Table">The table name.</param>
/// <param name="Target">The file name (or the database object) written.</param>
/// <param name="Rows">Rows written.</param>
/// <param name="Sha256">SHA-256 of the file (lower-case hex), or null where the target is not a file.</param>
public sealed record WrittenTable(string Table, string Target, long Rows, string? Sha256);

/// <summary>
/// Writes a database as a folder of files: into a hidden temporary folder beside the target, renamed onto it by
/// <see cref="Commit"/>, so a failed run leaves nothing visible.
/// </summary>
public sealed class FolderDatabaseSink : IDatabaseSink
{
    private readonly string _folder;
    private readonly string _temp;
    private readonly bool _overwrite;
    private readonly IReadOnlyDictionary<string, string> _fileNames;
    private readonly List<WrittenTable> _written = [];
    private bool _committed;

    internal FolderDatabaseSink(string folder, bool overwrite, IReadOnlyDictionary<string, string> fileNames)
    {
        _folder = Path.GetFullPath(folder);
        _overwrite = overwrite;
        _fileNames = fileNames;
        string parent = Path.GetDirectoryName(_folder.TrimEnd(Path.DirectorySeparatorChar)) ?? ".";
        if (!Directory.Exists(parent)) throw new DoppelException(ErrorKind.IO, $"Cannot write {folder}: the folder {parent} does not exist. Create it first.");
        if (File.Exists(_folder)) throw new DoppelException(ErrorKind.IO, $"{folder} is a file; the output of a database is a folder.");
        if (Directory.Exists(_folder) && !overwrite) throw new DoppelException(ErrorKind.IO, $"{folder} already exists. Pass --force to replace it.");
        _temp = Path.Combine(parent, $".{Path.GetFileName(_folder.TrimEnd(Path.DirectorySeparatorChar))}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try { Directory.CreateDirectory(_temp); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new DoppelException(ErrorKind.IO, $"Cannot write {folder}: {e.Message}", e); }
    }

    /// <summary>The tables written so far, in order.</summary>
    public IReadOnlyList<WrittenTable> Written => _written;

    /// <summary>The file name table <paramref name="table"/> is written to.</summary>
    public string FileName(string table) => _fileNames.TryGetValue(table, out var name) ? name : table + ".csv";

    /// <inheritdoc/>
    public ITableWriter OpenTable(TableMetadata table)
    {
        string name = FileName(table.Name);
        try
        {
            var file = new FileStream(Path.Combine(_temp, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            var hashing = new HashingStream(file);
            return new RecordingWriter(TableFiles.OpenWriter(name, hashing, table), hashing, file, rows => _written.Add(new WrittenTable(table.Name, name, rows, hashing.Sha256)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot write {name} into {_folder}: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public void Commit(DatasetMetadata metadata)
    {
        try
        {
            if (Directory.Exists(_folder))
            {
                if (!_overwrite) throw new DoppelException(ErrorKind.IO, $"{_folder} already exists. Pass --force to replace it.");
                string old = _temp + ".old";
                Directory.Move(_folder, old);
                Directory.Move(_temp, _folder);
                Directory.Delete(old, recursive: true);
            }
            else Directory.Move(_temp, _folder);
            _committed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DoppelException(ErrorKind.IO, $"Cannot write {_folder}: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_committed) return;
        try { if (Directory.Exists(_temp)) Directory.Delete(_temp, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Passes batches to the file writer, counts rows, and closes the file when complete.</summary>
    private sealed class RecordingWriter(ITableWriter inner, Stream hashing, Stream file, Action<long> completed) : ITableWriter
    {
        private long _rows;
        private bool _done;

        public object Encode(Table batch) => (inner.Encode(batch), batch.RowCount);

        public void Write(object encoded)
        {
            var (data, rows) = ((object, int))encoded;
            inner.Write(data);
            _rows += rows;
        }

        public void Complete()
        {
            if (_done) return;
            inner.Complete();
            hashing.Flush();
            file.Flush();
            _done = true;
            completed(_rows);
            Dispose();
        }

        public void Dispose()
        {
            inner.Dispose();
            hashing.Dispose();
            file.Dispose();
        }
    }
}
