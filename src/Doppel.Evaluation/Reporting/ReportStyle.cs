namespace Doppel.Evaluation.Reporting;

/// <summary>
/// The page's inline style sheet: system fonts only (nothing to download), a 1,100-pixel reading column on
/// screen, and a print layout for A4 in which charts, cards and table rows never split across pages.
/// </summary>
/// <remarks>Contains no '&lt;' or '&amp;', so the page stays well-formed XML.</remarks>
internal static class ReportStyle
{
    /// <summary>The CSS.</summary>
    public const string Css = """
:root {
  --ink: #1f2933; --muted: #5f6b7a; --line: #d9e0e8; --soft: #f4f6f9;
  --real: #3b6ea5; --syn: #e08a2e;
  --excellent: #1a7f4b; --good: #2f9e5b; --fair: #c98a06; --poor: #c0392b; --none: #7b8794;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; color: var(--ink); background: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
}
main { max-width: 1100px; margin: 0 auto; padding: 28px 32px 40px; }
h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 19px; margin: 34px 0 10px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); break-after: avoid; page-break-after: avoid; }
h3 { font-size: 15px; margin: 20px 0 8px; break-after: avoid; page-break-after: avoid; }
p { margin: 6px 0; }
.subtitle { color: var(--muted); margin: 0 0 14px; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 22px; margin: 0 0 12px; padding: 0; list-style: none; color: var(--muted); font-size: 13px; }
.meta b { color: var(--ink); font-weight: 600; }
nav.toc { font-size: 13px; margin: 10px 0 0; color: var(--muted); }
nav.toc a { color: var(--real); text-decoration: none; margin-right: 14px; }
.note, .explain { color: var(--muted); font-size: 12.5px; }
.missing { color: var(--muted); background: var(--soft); border: 1px dashed var(--line); border-radius: 6px; padding: 8px 12px; }
.warning { background: #fff4e0; border: 1px solid var(--fair); border-radius: 6px; padding: 8px 12px; }

.verdict { border-left: 8px solid var(--none); background: var(--soft); border-radius: 6px; padding: 14px 18px; margin: 18px 0; break-inside: avoid; }
.verdict .level { font-size: 12px; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; }
.verdict p { font-size: 16px; margin: 4px 0 0; }
.lvl-excellent { border-color: var(--excellent); } .lvl-excellent .level, .lvl-excellent .value { color: var(--excellent); }
.lvl-good { border-color: var(--good); } .lvl-good .level, .lvl-good .value { color: var(--good); }
.lvl-fair { border-color: var(--fair); } .lvl-fair .level, .lvl-fair .value { color: var(--fair); }
.lvl-poor { border-color: var(--poor); } .lvl-poor .level, .lvl-poor .value { color: var(--poor); }
.lvl-none .level, .lvl-none .value { color: var(--none); }

.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-top: 5px solid var(--none); background: #fff; border-radius: 6px; padding: 12px 14px; break-inside: avoid; page-break-inside: avoid; }
.card.lvl-excellent { border-top-color: var(--excellent); } .card.lvl-good { border-top-color: var(--good); }
.card.lvl-fair { border-top-color: var(--fair); } .card.lvl-poor { border-top-color: var(--poor); }
.card .name { font-weight: 600; font-size: 13px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.04em; }
.card .value { font-size: 30px; font-weight: 700; line-height: 1.15; margin: 4px 0 2px; font-variant-numeric: tabular-nums; }
.card .ceiling { font-size: 13px; color: var(--muted); }
.card .sense { font-size: 12px; color: var(--muted); margin-top: 6px; }
.card .text { font-size: 13px; margin-top: 2px; }

table.data { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; font-variant-numeric: tabular-nums; }
table.data th, table.data td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
table.data th { background: var(--soft); font-weight: 600; border-bottom: 1px solid #b8c2cc; }
table.data tr { break-inside: avoid; page-break-inside: avoid; }
table.data td.label { max-width: 320px; overflow-wrap: break-word; }
table.wide { width: 100%; }
.scroll { overflow-x: auto; max-width: 100%; }
.num { text-align: right !important; white-space: nowrap; }
.na { color: var(--none); }
.s-good { color: var(--excellent); } .s-fair { color: var(--fair); font-weight: 600; } .s-poor { color: var(--poor); font-weight: 700; }
table.kv td { vertical-align: baseline; }
table.kv td:first-child { color: var(--muted); white-space: nowrap; }
table.kv td:last-child { overflow-wrap: break-word; word-break: break-all; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12px; }
.explain-col { color: var(--muted); font-size: 12.5px; min-width: 220px; max-width: 430px; }
.split { display: flex; flex-wrap: wrap; gap: 0 32px; align-items: flex-start; }
.split > div { flex: 1 1 420px; min-width: 0; }

.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 16px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px 6px; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; font-size: 14px; margin-bottom: 4px; overflow-wrap: anywhere; }
figcaption .kind { color: var(--muted); font-weight: 400; font-size: 12px; margin-left: 6px; }
figure svg { display: block; max-width: 100%; height: auto; }
.heatmaps { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; align-items: start; }
.heatmaps.one { grid-template-columns: minmax(0, 1fr); }
.heatmaps svg { margin: 0 auto; }
.legend-key { display: inline-block; width: 11px; height: 11px; border-radius: 2px; vertical-align: -1px; margin: 0 4px 0 10px; }
footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.92em; }

@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  h2 { margin-top: 22px; }
  .charts { grid-template-columns: 1fr 1fr; gap: 10px; }
  .cards { grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 8px; }
  table.data { font-size: 8.5pt; break-inside: avoid; page-break-inside: avoid; }
  table.data th, table.data td { padding: 3px 7px; }
  figure, .card, .verdict, table.data tr, .heatmaps figure { break-inside: avoid; page-break-inside: avoid; }
  .card .value { font-size: 22pt; }
  a { color: inherit; text-decoration: none; }
}
""";
}
