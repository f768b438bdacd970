using Doppel.Data;
using Doppel.Metadata;
using Doppel.Provenance;
using Doppel.Synthesizers;

namespace Doppel.Rules;

/// <summary>
/// Fitting with rules (see <see cref="RuleDiscovery"/>): each derived column is replaced by its encoding, the
/// synthesizer fits the encoded table, and the model decodes every batch it samples. Without rules, the fit is the
/// synthesizer's own, unchanged.
/// </summary>
internal static class RuleFit
{
    public static SynthesisModel Fit(Table data, TableMetadata metadata, SynthesizerOptions options, Func<Table, TableMetadata, SynthesisModel> fit)
    {
        if (metadata.Columns.Count != data.Columns.Count || metadata.Columns.Where((c, i) => c.Name != data.Columns[i].Name).Any())
            return fit(data, metadata); // the synthesizer reports the mismatch
        var (rules, _) = RuleDiscovery.Find(data, metadata, options.LearnRules, options.RareThreshold);
        if (rules.Count == 0) return fit(data, metadata);
        var columns = data.Columns.ToArray();
        foreach (var rule in rules) columns[data.Columns.ToList().FindIndex(c => c.Name == rule.Derived)] = rule.Encode(data);
        // The source's fingerprint hashes every value: on a core of its own while the synthesizer fits.
        var dataSha256 = Task.Run(() => Fingerprint.Of(data));
        var inner = fit(new Table(columns, data.RowCount), RuleGenerator.Encoded(metadata, rules));
        var source = new SourceFingerprint(dataSha256.GetAwaiter().GetResult(), Fingerprint.Of(metadata), data.RowCount);
        return new SynthesisModel(inner.Synthesizer, metadata, new RuleGenerator(inner.Generator, rules, metadata), source, inner.Options, inner.Privacy);
    }
}
