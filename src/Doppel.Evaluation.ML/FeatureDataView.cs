using Microsoft.ML;
using Microsoft.ML.Data;

namespace Doppel.Evaluation.ML;

/// <summary>
/// An ML.NET <see cref="IDataView"/> straight over a <see cref="FeatureMatrix"/> and a label array, restricted to
/// a list of rows (so cross-validation folds share one matrix). Columns: <c>Features</c>, a float vector whose
/// one-hot blocks carry the <c>CategoricalSlotRanges</c> annotation that ML.NET's LightGBM reads to split on them
/// as categorical features, and <c>Label</c>: a boolean (binary), a key 1..k (multiclass) or a float (regression).
/// </summary>
internal sealed class FeatureDataView : IDataView
{
    public const string FeaturesColumn = "Features";
    public const string LabelColumn = "Label";

    /// <summary>The annotation kind ML.NET's LightGBM reads categorical blocks from (ML.NET keeps its constant internal).</summary>
    private const string CategoricalSlotRanges = "CategoricalSlotRanges";

    private readonly FeatureMatrix _features;
    private readonly int[] _rows;
    private readonly double[] _labels;
    private readonly TaskKind _task;

    /// <param name="features">The encoded rows.</param>
    /// <param name="rows">Which rows of <paramref name="features"/> the view shows, in order.</param>
    /// <param name="labels">Per matrix row: the class index (0 or 1 for binary; 0..k−1 for multiclass) or the value.</param>
    /// <param name="task">How to type the label.</param>
    /// <param name="classCount">Number of classes (multiclass).</param>
    public FeatureDataView(FeatureMatrix features, int[] rows, double[] labels, TaskKind task, int classCount)
    {
        _features = features;
        _rows = rows;
        _labels = labels;
        _task = task;
        var builder = new DataViewSchema.Builder();
        var annotations = new DataViewSchema.Annotations.Builder();
        int[] ranges = features.CategoricalRanges;
        if (ranges.Length > 0)
        {
            annotations.Add(CategoricalSlotRanges, new VectorDataViewType(NumberDataViewType.Int32, ranges.Length),
                (ref VBuffer<int> value) => value = new VBuffer<int>(ranges.Length, ranges));
        }
        builder.AddColumn(FeaturesColumn, new VectorDataViewType(NumberDataViewType.Single, features.Width), annotations.ToAnnotations());
        DataViewType labelType = task switch
        {
            TaskKind.Binary => BooleanDataViewType.Instance,
            TaskKind.Multiclass => new KeyDataViewType(typeof(uint), classCount),
            _ => NumberDataViewType.Single,
        };
        builder.AddColumn(LabelColumn, labelType);
        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rows.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly FeatureDataView _view;
        private readonly bool[] _active;
        private long _position = -1;

        public Cursor(FeatureDataView view, IEnumerable<DataViewSchema.Column> columnsNeeded)
        {
            _view = view;
            _active = new bool[view.Schema.Count];
            foreach (var column in columnsNeeded) _active[column.Index] = true;
        }

        public override DataViewSchema Schema => _view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (_position + 1 >= _view._rows.Length)
            {
                _position = _view._rows.Length;
                return false;
            }
            _position++;
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_active[column.Index]) throw new InvalidOperationException($"Column '{column.Name}' is not active.");
            Delegate getter = column.Name switch
            {
                FeaturesColumn => (ValueGetter<VBuffer<float>>)GetFeatures,
                _ => _view._task switch
                {
                    TaskKind.Binary => (ValueGetter<bool>)((ref bool value) => value = Label() == 1),
                    TaskKind.Multiclass => (ValueGetter<uint>)((ref uint value) => value = (uint)Label() + 1),
                    _ => (ValueGetter<float>)((ref float value) => value = (float)Label()),
                },
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is of type {column.Type}, not {typeof(TValue).Name}.");
        }

        private double Label() => _view._labels[_view._rows[_position]];

        private void GetFeatures(ref VBuffer<float> value)
        {
            var editor = VBufferEditor.Create(ref value, _view._features.Width);
            _view._features.Fill(_view._rows[_position], editor.Values);
            value = editor.Commit();
        }
    }
}
