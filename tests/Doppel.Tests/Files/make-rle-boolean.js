// Writes Parquet files whose boolean columns use the RLE encoding (arrow-rs via parquet-wasm), see README.md.
//   node make-rle-boolean.js rle-boolean.parquet                        20 rows, data page v2, uncompressed
//   node make-rle-boolean.js rle-boolean-v1-snappy.parquet v1 SNAPPY 5000
//   node make-rle-boolean.js rle-boolean-v2-zstd.parquet v2 ZSTD 5000
const arrow = require('apache-arrow');
const pq = require('parquet-wasm');
const fs = require('fs');
const [out, version = 'v2', codec = 'UNCOMPRESSED', rows = '20'] = process.argv.slice(2);
const n = Number(rows);
const flag = [], id = [], always = [];
for (let i = 0; i < n; i++) {
  flag.push(i % 3 === 0 ? null : i % 2 === 0); // 20 rows: 6 true, 7 false, 7 null
  always.push(i < 100 || (i * 7) % 5 < 2);     // a long run of trues (an RLE run), then mixed (bit-packed runs)
  id.push(i + 1);
}
const columns = n === 20 ? { id: Int32Array.from(id), flag } : { id: Int32Array.from(id), flag, always };
let table = arrow.tableFromArrays(columns);
if (n !== 20) {
  // 'always' has no nulls and is declared so: a required column has no definition levels at all.
  const fields = table.schema.fields.map(f => f.name === 'always' ? f.clone({ nullable: false }) : f);
  table = new arrow.Table(new arrow.Schema(fields), table.batches.map(b =>
    new arrow.RecordBatch(new arrow.Schema(fields), b.data)));
}
const wasmTable = pq.Table.fromIPCStream(arrow.tableToIPC(table, 'stream'));
let props = new pq.WriterPropertiesBuilder()
  .setWriterVersion(version === 'v1' ? pq.WriterVersion.V1 : pq.WriterVersion.V2)
  .setDictionaryEnabled(false)
  .setColumnEncoding('flag', pq.Encoding.RLE)
  .setCompression(pq.Compression[codec]);
if (n !== 20) props = props.setColumnEncoding('always', pq.Encoding.RLE).setMaxRowGroupSize(2000).setDataPageSizeLimit(64).setWriteBatchSize(256);
fs.writeFileSync(out, pq.writeParquet(wasmTable, props.build()));
